"""The site's URLconf plus one page nobody added to the access matrix (see test_url_matrix.py)."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_patterns


def view(request, pk):
    return HttpResponse("new")


urlpatterns = [path("cohorts/<int:pk>/brand-new/", view), *site_patterns]
