"""The URL configuration the OpenAPI schema describes: the API alone, at its real prefix."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("lms.api.urls"))]
