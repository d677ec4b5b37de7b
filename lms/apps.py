from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from lms.text import normalise_text


def single_line_names(sender, instance, **kwargs) -> None:
    """A person's names are one line, whatever the way in (sign-up, CSV, admin, API, shell):
    a newline in a name would break e-mail headers, exports and the room."""
    for field in ("first_name", "last_name"):
        value = getattr(instance, field, None)
        if isinstance(value, str):
            setattr(instance, field, normalise_text(value, single_line=True))


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Tertulia")

    def ready(self) -> None:
        pre_save.connect(single_line_names, sender=settings.AUTH_USER_MODEL, dispatch_uid="single_line_names")
