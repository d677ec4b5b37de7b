from __future__ import annotations

from axes.utils import reset
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm, UserCreationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.emails import recipient_language  # one rule for the language of every e-mail


class SignupForm(UserCreationForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We use it only to send you course news and reset your password.")
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "last_name", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("There is already an account with this e-mail. Sign in or reset your password.")
            )
        return email


class LocalisedPasswordResetForm(PasswordResetForm):
    """The reset e-mail is written in the member's language, not in that of whoever asked for it.

    Like Django's form it answers the same whether or not the address has an account (no enumeration),
    and sends nothing for unknown addresses or accounts without a usable password.
    """

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs) -> None:
        with translation.override(recipient_language(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ResetPasswordForm(SetPasswordForm):
    """Choosing a new password through the e-mailed link also lifts a sign-in lockout of the account:
    following the link proves the person owns the address, and the lockout page sends them there."""

    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        reset(username=user.get_username())
        return user
