"""Open the conversations of the modules released by now. Safe to run twice: see forums.services."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forums.services import released_lesson_threads_ensure


class Command(BaseCommand):
    help = (
        "Open, in each running cohort, the forum spaces and the conversations (discussion prompts, "
        "readings) of the lessons whose module is released by now. Run it every few minutes: modules "
        "open at midnight in each cohort's time zone. Safe to run twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cohort", type=int, action="append", help="Only this cohort (repeatable).")
        parser.add_argument("--all", action="store_true", help="Also cohorts that have ended.")

    def handle(self, *args, **options) -> None:
        result = released_lesson_threads_ensure(cohort_ids=options["cohort"], include_ended=options["all"])
        self.stdout.write(
            f"Lesson conversations: {result['cohorts']} cohorts considered, "
            f"{result['opened']} conversations opened."
        )
