"""The demo content: what `seed_demo` promises in README.md, and that running it again duplicates nothing."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from courses.demo import content
from courses.demo.seed import DEMO_PASSWORD, EN_COHORT_NAME, ES_COHORT_NAME
from courses.models import (
    Cohort,
    CohortGroup,
    CoursePage,
    Enrollment,
    HomePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
    ReflectionMessage,
)
from workspace.demo import seed

MODELS = [
    Page,
    Site,
    get_user_model(),
    Group,
    GroupPagePermission,
    Cohort,
    CohortGroup,
    Enrollment,
    LessonCompletion,
    Reflection,
    ReflectionMessage,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_course_structure(seeded):
    course = CoursePage.objects.get(slug=content.COURSE_ES["slug"])
    assert course.title == "Innovación en Educación y Comunidades de Aprendizaje"
    assert course.live and course.language == "es"
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    assert len(modules) >= 6
    for module in modules:
        assert 2 <= LessonPage.objects.child_of(module).live().count() <= 4, module.title
    offsets = [m.release_offset_days for m in modules]
    assert offsets == sorted(offsets) and offsets[0] == 0
    # Spread April to September: the last module opens at least four months after the first.
    assert offsets[-1] - offsets[0] >= 120


def test_demo_cohort_people_and_release(seeded):
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    assert cohort.enrolment_mode == Cohort.EnrolmentMode.OPEN
    assert cohort.has_started and not cohort.has_ended
    roles = Enrollment.objects.filter(cohort=cohort)
    assert roles.filter(role=Enrollment.Role.FACILITATOR).count() == 2
    assert roles.filter(role=Enrollment.Role.PARTICIPANT).count() == 23
    now = timezone.now()
    released = [
        now >= cohort.release_at(m.release_offset_days) for m in ModulePage.objects.child_of(cohort.course)
    ]
    assert any(released) and not all(released)
    assert CohortGroup.objects.filter(cohort=cohort).count() == len(content.GROUPS)


def test_demo_english_course_has_its_own_cohort(seeded):
    course = CoursePage.objects.get(slug=content.COURSE_EN["slug"])
    assert course.language == "en"
    cohort = Cohort.objects.get(name=EN_COHORT_NAME)
    assert cohort.course_id == course.pk
    en_participants = set(
        cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).values_list("user_id", flat=True)
    )
    assert len(en_participants) == 3
    es_members = set(Cohort.objects.get(name=ES_COHORT_NAME).enrollments.values_list("user_id", flat=True))
    assert not en_participants & es_members


def test_seed_twice_creates_no_duplicates(seeded):
    before = counts()
    report = seed()
    assert counts() == before
    assert report.created == []
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_seed_demo_command_prints_credentials(seeded):
    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    assert "facilitadora1" in text and "participante1" in text
    assert counts() == before


def test_demo_logins_and_pages_work(client, seeded):
    assert client.login(username="participante1", password=DEMO_PASSWORD)
    assert client.get("/").status_code == 200
    course = CoursePage.objects.get(slug=content.COURSE_ES["slug"])
    assert client.get(course.url).status_code == 200
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    open_module = modules[0]
    locked_module = next(m for m in modules if timezone.now() < cohort.release_at(m.release_offset_days))
    for lesson in LessonPage.objects.child_of(open_module):
        assert client.get(lesson.url).status_code == 200, lesson.title
    locked_lesson = LessonPage.objects.child_of(locked_module).first()
    assert client.get(locked_lesson.url).status_code == 403
    assert client.get("/learning/").status_code == 200
    # A facilitator can read the locked lesson and edit the course in the admin.
    client.logout()
    assert client.login(username="facilitadora1", password=DEMO_PASSWORD)
    assert client.get(locked_lesson.url).status_code == 200
    facilitator = get_user_model().objects.get(username="facilitadora1")
    assert locked_lesson.permissions_for_user(facilitator).can_edit()
    en_course = CoursePage.objects.get(slug=content.COURSE_EN["slug"])
    assert not en_course.permissions_for_user(facilitator).can_edit()


def test_demo_participant_of_english_course_cannot_enter_spanish_lessons(client, seeded):
    learner = content.EN_PARTICIPANTS[0]["username"]
    assert client.login(username=learner, password=DEMO_PASSWORD)
    course = CoursePage.objects.get(slug=content.COURSE_ES["slug"])
    lesson = LessonPage.objects.descendant_of(course).first()
    assert client.get(lesson.url).status_code == 403


def test_demo_lessons_fit_the_page_weight_budget(client, seeded, settings):
    """DESIGN.md: a lesson's first load is at most 100 KB (HTML and the CSS/JS/fonts it links)."""
    import re

    settings.WHITENOISE_USE_FINDERS = True  # serve static files without collectstatic

    assert client.login(username="participante2", password=DEMO_PASSWORD)
    course = CoursePage.objects.get(slug=content.COURSE_ES["slug"])
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    released = [
        lesson
        for module in ModulePage.objects.child_of(course)
        if timezone.now() >= cohort.release_at(module.release_offset_days)
        for lesson in LessonPage.objects.child_of(module)
    ]
    assert released
    for lesson in released:
        response = client.get(lesson.url)
        assert response.status_code == 200
        html = response.content
        assets = set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html))
        assert any(a.endswith(b".css") for a in assets)
        weight = len(html) + sum(len(b"".join(client.get(a.decode()).streaming_content)) for a in assets)
        assert len(html) + 5_000 < weight <= 100_000, (lesson.title, weight)
