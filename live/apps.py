from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live gatherings")

    def ready(self) -> None:
        # Registers the `groups.*` commands in live.room.COMMANDS.
        from live import groups  # noqa: F401
