"""What other apps add to a lesson's blocks, without courses importing them.

An app above courses registers a Wagtail hook named ``lesson_block_companions``: a function called
with ``request``, ``lesson`` and ``cohort`` (the reader's, or None) that returns ``{block_id:
Companion}``. The lesson page collects them once per request; each block's template renders its
companions at its slots (``{% include companion.template with slot="…" %}``): the forums add the
conversation of a discussion prompt and the contributions about each paragraph of a reading.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from courses.models import Cohort, LessonPage

HOOK = "lesson_block_companions"


@dataclass(frozen=True)
class Companion:
    """A template of the registering app and what it needs, rendered inside one block."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


def lesson_block_companions(
    *, request: HttpRequest, lesson: LessonPage, cohort: Cohort | None
) -> dict[str, list[Companion]]:
    found: dict[str, list[Companion]] = defaultdict(list)
    for companions_for in hooks.get_hooks(HOOK):
        for block_id, companion in companions_for(request=request, lesson=lesson, cohort=cohort).items():
            found[block_id].append(companion)
    return dict(found)
