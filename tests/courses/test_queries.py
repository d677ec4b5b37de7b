"""Query budgets: the pages a participant opens run a fixed number of queries, however big the data.

Each budget was measured once on the small data set and pinned a little above; the large data set
(4x the modules, 3x the lessons per module, 20x the members, more courses) must fit the same budget.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import Enrollment, LessonPage, ModulePage
from tests.courses.conftest import prompt_id
from tests.factories import CourseTree, enrol, make_cohort, make_course, make_user, reflection_block

# Measured: home 7 (anonymous) / 12 (signed in), catalogue 9 / 14, course 13 / 19, lesson 33-35,
# "Mi aprendizaje" 10-11 (19 for a participant, with what is left for the certificate), cohort page 9-10;
# since announcements: +1 for the bell, +1 on the cohort page.
BUDGET = {
    "home": 14,
    "catalogue": 16,
    "course": 21,
    "lesson": 38,
    "my_learning": 23,
    "cohort": 14,
}

SIZES = {
    # modules, lessons per module, participants, extra courses
    "small": (2, 2, 3, 0),
    "large": (8, 6, 60, 3),
}


@dataclass
class Data:
    tree: CourseTree
    cohort: object
    participant: object
    facilitator: object

    @property
    def lesson(self):
        return self.tree.lessons[0][-1]

    def urls(self) -> dict[str, str]:
        return {
            "home": "/",
            "catalogue": "/cursos/",
            "course": self.tree.course.url,
            "lesson": self.lesson.url,
            "my_learning": reverse("workspace:my_learning"),
            "cohort": reverse("workspace:cohort", args=[self.cohort.pk]),
        }


def build(size: str) -> Data:
    modules, lessons, members, extra_courses = SIZES[size]
    tree = make_course("Curso medido", modules=modules, lessons=lessons, offsets=[0] * (modules - 1) + [400])
    for i in range(extra_courses):
        extra = make_course(f"Otro {i}", modules=2, lessons=2)
        make_cohort(extra.course)
    cohort = make_cohort(tree.course, started_days_ago=5)
    participants = [make_user() for _ in range(members)]
    for user in participants:
        enrol(user, cohort)
    facilitator = make_user()
    enrol(facilitator, cohort, Enrollment.Role.FACILITATOR)
    enrol(make_user(), cohort, Enrollment.Role.OBSERVER)
    data = Data(tree, cohort, participants[0], facilitator)
    # Progress and reflections: the participant is half-way, others have started.
    released = tree.all_lessons[: lessons * (modules - 1)]
    for lesson in released[: len(released) // 2]:
        services.lesson_complete(user=data.participant, lesson=lesson)
    for user in participants[1:6]:
        services.lesson_complete(user=user, lesson=released[0])
    pid = prompt_id(data.lesson)
    for user in participants[: min(members, 5)]:
        reflection = services.reflection_submit(
            user=user, lesson=data.lesson, prompt_id=pid, body="Reflexión"
        )
        services.reflection_feedback(author=facilitator, reflection=reflection, body="Retroalimentación")
        services.reflection_reply(author=user, reflection=reflection, body="Respuesta")
    # Certificate criteria that use every rule, and a past gathering (what "Mi aprendizaje" shows).
    from tests.certificates.conftest import attend, gathering, set_criteria

    set_criteria(tree.course, lessons=released[:2], reflections=50, attendance=50)
    attend(gathering(cohort, days_ago=2), data.participant)
    return data


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["anonymous", "participant", "facilitator"])
def test_pages_fit_the_query_budget(client, db, django_assert_max_num_queries, size, role):
    data = build(size)
    if role != "anonymous":
        client.force_login(getattr(data, role))
    for page, url in data.urls().items():
        with django_assert_max_num_queries(BUDGET[page], info=f"{page} as {role} ({size})"):
            response = client.get(url)
        if role == "anonymous" and page in ("lesson", "my_learning", "cohort"):
            assert response.status_code == 302
        else:
            assert response.status_code == 200, page


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_change_when_the_course_grows(client, db):
    """Stronger than a budget: the very same number of queries before and after adding data."""
    data = build("small")
    client.force_login(data.participant)
    for url in data.urls().values():  # warm caches (site root paths…) so both rounds start alike
        client.get(url)
    before = {page: _count(client, url) for page, url in data.urls().items()}

    # Grow everything on the same pages: modules and lessons, members, completions, reflections.
    course = data.tree.course
    for m in range(3):
        module = course.add_child(instance=ModulePage(title=f"Nuevo {m}", slug=f"nuevo-{m}"))
        for i in range(4):
            lesson = module.add_child(
                instance=LessonPage(title=f"N {m}.{i}", slug=f"n-{i}", body=[reflection_block()])
            )
            services.lesson_complete(user=data.participant, lesson=lesson)
    for _ in range(20):
        enrol(make_user(), data.cohort)
    extra = make_course("Más", modules=3, lessons=3)
    enrol(data.participant, make_cohort(extra.course))

    after = {page: _count(client, url) for page, url in data.urls().items()}
    assert after == before
