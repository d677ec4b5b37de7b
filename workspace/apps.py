from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """What spans apps: the facilitator's dashboard, Mi aprendizaje, the bell, the demo.

    The top layer: it may import every app; no app imports it (docs/architecture.md).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "workspace"
    verbose_name = _("Workspace")
