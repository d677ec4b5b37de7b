"""Dialogic moves are edited per course in the Wagtail admin (Snippets → Dialogic moves)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import access
from forums.models import DialogicMove


class DialogicMoveViewSet(SnippetViewSet):
    model = DialogicMove
    icon = "comment"
    list_display = ["label", "code", "course", "sort_order", "active"]
    list_filter = ["course", "active"]
    ordering = ["course", "sort_order"]

    def get_queryset(self, request):
        # Facilitators see only the moves of the courses they facilitate.
        return DialogicMove.objects.filter(course__in=access.facilitated_courses(request.user))


register_snippet(DialogicMoveViewSet)
