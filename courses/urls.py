from django.urls import path

from courses.views import learning, reflections

app_name = "courses"

urlpatterns = [
    path("catalogue/", learning.catalogue, name="catalogue"),
    path("learning/", learning.my_learning, name="my_learning"),
    path("cohorts/<int:pk>/", learning.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/enrol/", learning.enrol, name="enrol"),
    path("reflections/<int:pk>/", reflections.reflection_detail, name="reflection"),
]
