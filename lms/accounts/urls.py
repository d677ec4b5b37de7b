"""Account pages that differ from django.contrib.auth's defaults (mounted before them in lms/urls.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from lms.accounts import forms

urlpatterns = [
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=forms.LocalisedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.ResetPasswordForm),
        name="password_reset_confirm",
    ),
]
