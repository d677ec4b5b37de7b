from django.urls import path

from groupwork import views

app_name = "groupwork"

urlpatterns = [
    path("cohorts/<int:cohort_id>/groups/<int:group_id>/", views.group_detail, name="group"),
    path("cohorts/<int:cohort_id>/groups/<int:group_id>/plan/", views.plan_edit, name="plan"),
    path(
        "cohorts/<int:cohort_id>/groups/<int:group_id>/sessions/new/", views.session_new, name="session_new"
    ),
    path(
        "cohorts/<int:cohort_id>/groups/<int:group_id>/sessions/<int:pk>/",
        views.session_detail,
        name="session",
    ),
]
