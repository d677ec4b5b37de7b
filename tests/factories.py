"""Small builders for test data: a course tree, cohorts and people, in as few lines as a test needs."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from courses.models import Cohort, CourseIndexPage, CoursePage, Enrollment, HomePage, LessonPage, ModulePage

_counter = itertools.count(1)


def make_user(username: str | None = None, *, staff: bool = False, **extra):
    n = next(_counter)
    username = username or f"user{n}"
    user = get_user_model().objects.create_user(
        username=username,
        password="pw-" + username,
        first_name=extra.pop("first_name", username.capitalize()),
        last_name=extra.pop("last_name", "Test"),
        email=extra.pop("email", f"{username}@example.org"),
        is_staff=staff,
        **extra,
    )
    return user


def site_home() -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    Locale.objects.get_or_create(language_code="es")
    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed the tree that migrations create
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="Tertulia", slug="inicio"))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tertulia"
    )
    return home


def catalogue_page() -> CourseIndexPage:
    home = site_home()
    index = CourseIndexPage.objects.first()
    if index:
        return index
    return home.add_child(instance=CourseIndexPage(title="Cursos", slug="cursos"))


def reflection_block(prompt: str = "¿Qué aprendiste?") -> dict:
    return {"type": "reflection_prompt", "value": {"prompt": prompt}, "id": str(uuid.uuid4())}


def reading_block(paragraphs: int = 3) -> dict:
    return {
        "type": "reading",
        "id": str(uuid.uuid4()),
        "value": {
            "title": "Lectura",
            "author": "Equipo",
            "source": "",
            "paragraphs": [
                {"type": "item", "value": f"Párrafo {i}", "id": str(uuid.uuid4())} for i in range(paragraphs)
            ],
        },
    }


@dataclass
class CourseTree:
    course: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[list[LessonPage]] = field(default_factory=list)

    @property
    def all_lessons(self) -> list[LessonPage]:
        return [lesson for module in self.lessons for lesson in module]


def make_course(
    title: str = "Curso de prueba",
    *,
    modules: int = 2,
    lessons: int = 2,
    offsets: list[int] | None = None,
    body: list[dict] | None = None,
) -> CourseTree:
    index = catalogue_page()
    n = next(_counter)
    course = index.add_child(
        instance=CoursePage(title=title, slug=f"curso-{n}", summary="<p>Resumen</p>", hours=10)
    )
    tree = CourseTree(course=course)
    offsets = offsets or [i * 28 for i in range(modules)]
    for m in range(modules):
        module = course.add_child(
            instance=ModulePage(
                title=f"Módulo {m + 1}", slug=f"modulo-{m + 1}", release_offset_days=offsets[m]
            )
        )
        tree.modules.append(module)
        module_lessons = []
        for i in range(lessons):
            lesson_body = (
                body
                if body is not None
                else [
                    {"type": "paragraph", "value": "<p>Contenido</p>", "id": str(uuid.uuid4())},
                    reflection_block(),
                ]
            )
            module_lessons.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Lección {m + 1}.{i + 1}", slug=f"leccion-{i + 1}", body=lesson_body
                    )
                )
            )
        tree.lessons.append(module_lessons)
    return tree


def make_cohort(course: CoursePage, *, started_days_ago: int = 10, weeks: int = 20, **extra) -> Cohort:
    today = timezone.localdate()
    starts_on = today - dt.timedelta(days=started_days_ago)
    return Cohort.objects.create(
        course=course,
        name=extra.pop("name", f"Cohorte {next(_counter)}"),
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(weeks=weeks),
        **extra,
    )


def enrol(user, cohort: Cohort, role: str = Enrollment.Role.PARTICIPANT, group=None) -> Enrollment:
    return Enrollment.objects.create(user=user, cohort=cohort, role=role, group=group)
