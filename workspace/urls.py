from django.urls import path

from workspace import views

app_name = "workspace"

urlpatterns = [
    path("learning/", views.my_learning, name="my_learning"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("notifications/", views.notification_list, name="notifications"),
]
