"""Wagtail: dialogic moves are edited per course in the admin (Snippets → Dialogic moves), and lesson
pages show each prompt's conversation and each reading's contributions (courses.companions)."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses import access
from courses.companions import HOOK as LESSON_BLOCK_COMPANIONS
from courses.companions import Companion
from forums import selectors
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


@hooks.register(LESSON_BLOCK_COMPANIONS)
def lesson_conversations(*, request, lesson, cohort) -> dict[str, Companion]:
    """Every discussion prompt's conversation (one fixed set of queries for all of them) and every
    reading's contributions, for the reader's cohort. Only reads (see forums.services for who opens)."""
    if cohort is None:
        return {}
    discussions = selectors.lesson_discussions(user=request.user, lesson=lesson, cohort=cohort)
    companions = {
        prompt_id: Companion("forums/includes/lesson_discussion.html", {"discussion": discussion})
        for prompt_id, discussion in discussions.items()
    }
    for block in lesson.body:
        if block.block_type == "reading":
            activity = selectors.reading_activity(cohort=cohort, lesson=lesson, block_id=block.id)
            companions[block.id] = Companion("forums/includes/reading_activity.html", {"activity": activity})
    return companions
