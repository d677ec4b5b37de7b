from django.urls import path

from courses.views import learning, reflections

app_name = "courses"

urlpatterns = [
    path("catalogue/", learning.catalogue, name="catalogue"),
    path("cohorts/<int:pk>/enrol/", learning.enrol, name="enrol"),
    path("reflections/<int:pk>/", reflections.reflection_detail, name="reflection"),
]
