from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.verify_form, name="verify_form"),
    path("certificates/mine/<int:cohort_id>/pdf/", views.certificate_pdf, name="pdf"),
    path("certificates/<str:code>/", views.verify, name="verify"),
]
