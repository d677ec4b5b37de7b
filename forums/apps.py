from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from forums import signals  # noqa: F401, PLC0415 - AppConfig.ready: connects the receivers once apps load
