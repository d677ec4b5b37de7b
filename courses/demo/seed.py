"""Idempotent demo data for courses: running it twice leaves one copy of everything.

The whole demo (gatherings, forums, small groups, certificates too) is seeded by ``workspace.demo.seed``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Page, Site

from courses import access, services
from courses.demo import content
from courses.models import (
    Cohort,
    CohortGroup,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    HomePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Reflection,
)

DEMO_PASSWORD = "tertulia-demo"  # noqa: S105 - documented demo credential, printed by the command
ADMIN_USERNAME = "admin"
ES_COHORT_NAME = "Cohorte 2026 · Perú"
EN_COHORT_NAME = "Cohort 2026 · Online"
# The demo namespace for block and paragraph ids, so re-seeding produces the same ids.
DEMO_NAMESPACE = uuid.UUID("7f6d7a3e-4d1f-4b77-9c54-2f1d1e0d7a11")


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    users: list[tuple[str, str]] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, "/".join(parts)))


def _raw_block(block_type: str, value, key: str) -> dict:
    if block_type == "reading":
        value = dict(value)
        value["paragraphs"] = [
            {"type": "item", "value": text, "id": _stable_id(key, "p", str(i))}
            for i, text in enumerate(value["paragraphs"])
        ]
    return {"type": block_type, "value": value, "id": _stable_id(key)}


def _publish(page: Page) -> None:
    page.save_revision().publish()


def ensure_home(report: SeedReport) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Replace Wagtail's placeholder welcome page.
    for placeholder in Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ):
        placeholder.delete()
    root.refresh_from_db()
    home = root.add_child(
        instance=HomePage(
            title="Tertulia",
            slug="inicio",
            intro=(
                "<p>Cursos de especialización para educadoras y educadores que aprenden juntos: "
                "módulos, conversaciones dialógicas y tertulias en vivo que funcionan incluso con poca señal.</p>"
            ),
        )
    )
    _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tertulia"
        )
    else:
        site.root_page = home
        site.site_name = "Tertulia"
        site.save()
    report.add("home page")
    return home


def ensure_index(home: HomePage, report: SeedReport) -> CourseIndexPage:
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="Cursos", slug="cursos", intro="<p>Especializaciones y cursos abiertos a matrícula.</p>"
            )
        )
        _publish(index)
        report.add("course catalogue")
    return index


def ensure_course(index: CourseIndexPage, data: dict, language: str, report: SeedReport) -> CoursePage:
    course = CoursePage.objects.filter(slug=data["slug"]).first()
    if course is None:
        course = index.add_child(
            instance=CoursePage(
                title=data["title"],
                slug=data["slug"],
                subtitle=data.get("subtitle", ""),
                summary=data["summary"],
                hours=data.get("hours", 0),
                language=language,
            )
        )
        _publish(course)
        report.add(f"course {data['title']}")
    for module_data in data["modules"]:
        module = ModulePage.objects.child_of(course).filter(slug=module_data["slug"]).first()
        if module is None:
            module = course.add_child(
                instance=ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    intro=module_data.get("intro", ""),
                    release_offset_days=module_data["release_offset_days"],
                )
            )
            _publish(module)
        for lesson_data in module_data["lessons"]:
            if LessonPage.objects.child_of(module).filter(slug=lesson_data["slug"]).exists():
                continue
            key = f"{data['slug']}/{module_data['slug']}/{lesson_data['slug']}"
            body = [_raw_block(t, v, f"{key}/{i}") for i, (t, v) in enumerate(lesson_data["body"])]
            lesson = module.add_child(
                instance=LessonPage(
                    title=lesson_data["title"],
                    slug=lesson_data["slug"],
                    estimated_minutes=lesson_data.get("minutes", 30),
                    body=body,
                )
            )
            _publish(lesson)
    return course


_DEMO_PASSWORD_HASHES: dict[str, str] = {}


def _demo_password_hash() -> str:
    """The demo password, hashed once for all the demo accounts (they share a published password): hashing
    it for each of them with the production hasher took most of a fresh `make run`'s seeding time."""
    hasher = settings.PASSWORD_HASHERS[0]
    if hasher not in _DEMO_PASSWORD_HASHES:
        _DEMO_PASSWORD_HASHES[hasher] = make_password(DEMO_PASSWORD)
    return _DEMO_PASSWORD_HASHES[hasher]


def ensure_user(person: dict, report: SeedReport, *, is_staff: bool = False):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=person["username"],
        defaults={
            "first_name": person.get("first_name", ""),
            "last_name": person.get("last_name", ""),
            "email": person.get("email", ""),
            "is_staff": is_staff,
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    report.users.append((person["username"], person.get("role", "")))
    return user


def ensure_cohort(
    course: CoursePage, *, name: str, starts_ago_days: int, weeks: int, report: SeedReport
) -> Cohort:
    cohort = Cohort.objects.filter(course=course, name=name).first()
    if cohort is None:
        today = timezone.localdate()
        starts_on = today - dt.timedelta(days=starts_ago_days)
        cohort = Cohort.objects.create(
            course=course,
            name=name,
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(weeks=weeks),
            time_zone="America/Lima",
            capacity=40,
            enrolment_mode=Cohort.EnrolmentMode.OPEN,
        )
        report.add(f"cohort {name}")
    return cohort


WAITING_REFLECTIONS = [
    "En la red de mi distrito nadie se anima a decir que algo no le salió bien. Quisiera empezar "
    "contando yo una dificultad, pero temo que lo vean como debilidad.",
    "Me quedé pensando en la diferencia entre consultar a las familias y decidir con ellas. "
    "En mi escuela solo las consultamos.",
]


def _seed_progress(cohort: Cohort, participants: list, facilitator) -> None:
    """Some participants ahead, some behind, one reflection answered and three waiting."""
    if LessonCompletion.objects.filter(enrollment__cohort=cohort).exists():
        return
    released = [
        lesson
        for module in ModulePage.objects.child_of(cohort.course)
        .live()
        .filter(access.released_modules_q(cohort))
        .order_by("path")
        for lesson in LessonPage.objects.child_of(module).live().order_by("path")
    ]
    enrollments = {e.user_id: e for e in Enrollment.objects.filter(cohort=cohort)}
    for position, user in enumerate(participants):
        # The first few are up to date; the last three have not started: "behind".
        done = len(released) if position < 5 else max(0, len(released) - 1 - position // 4)
        if position >= len(participants) - 3:
            done = 0
        for lesson in released[:done]:
            LessonCompletion.objects.get_or_create(enrollment=enrollments[user.pk], lesson=lesson)
    for lesson in released:
        prompt_ids = [b.id for b in lesson.body if b.block_type == "reflection_prompt"]
        if not prompt_ids:
            continue
        answered = services.reflection_submit(
            user=participants[0],
            lesson=lesson,
            prompt_id=prompt_ids[0],
            body=(
                "En mi UGEL las reuniones suelen ser informativas: alguien expone y los demás escuchan. "
                "Me pregunto cómo lograr que los directores hablen primero de su propia práctica."
            ),
        )
        services.reflection_feedback(
            author=facilitator,
            reflection=answered,
            body=(
                f"Gracias, {participants[0].first_name}. Tu pregunta es el inicio de un diálogo igualitario: ¿qué pasaría si en la "
                "próxima reunión cada director trae un caso breve y tú solo moderas los turnos?"
            ),
        )
        services.reflection_submit(
            user=participants[1],
            lesson=lesson,
            prompt_id=prompt_ids[0],
            body=(
                "Lo que más me movió fue el principio de inteligencia cultural: las familias de mi comunidad "
                "saben muchísimo y casi nunca las invitamos a la escuela."
            ),
        )
        for user, body in zip(participants[2:4], WAITING_REFLECTIONS, strict=True):
            services.reflection_submit(user=user, lesson=lesson, prompt_id=prompt_ids[0], body=body)
        break


@dataclass
class SeededCourses:
    report: SeedReport
    course_es: CoursePage
    cohort_es: Cohort


def seed_courses(now: dt.datetime | None = None) -> SeededCourses:
    """The courses, cohorts, people and progress of the demo (the other apps' parts: workspace.demo)."""
    report = SeedReport()
    home = ensure_home(report)
    index = ensure_index(home, report)
    course_es = ensure_course(index, content.COURSE_ES, "es", report)
    course_en = ensure_course(index, content.COURSE_EN, "en", report)

    admin = ensure_user(
        {"username": ADMIN_USERNAME, "first_name": "Admin", "email": "admin@example.org", "role": "staff"},
        report,
        is_staff=True,
    )
    if not admin.is_superuser:
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])

    cohort_es = ensure_cohort(course_es, name=ES_COHORT_NAME, starts_ago_days=40, weeks=25, report=report)
    groups = []
    for order, name in enumerate(content.GROUPS):
        group, _created = CohortGroup.objects.get_or_create(
            cohort=cohort_es, name=name, defaults={"sort_order": order}
        )
        groups.append(group)
    facilitators = [ensure_user({**p, "role": "facilitator"}, report) for p in content.FACILITATORS]
    participants = [ensure_user({**p, "role": "participant"}, report) for p in content.PARTICIPANTS]
    for user in facilitators:
        services.enrolment_add(cohort=cohort_es, user=user, role=Enrollment.Role.FACILITATOR)
    for position, user in enumerate(participants):
        if not Enrollment.objects.filter(cohort=cohort_es, user=user).exists():
            services.enrolment_add(
                cohort=cohort_es, user=user, group=groups[position % len(groups)] if groups else None
            )

    cohort_en = ensure_cohort(course_en, name=EN_COHORT_NAME, starts_ago_days=10, weeks=8, report=report)
    for p in content.EN_FACILITATORS:
        services.enrolment_add(
            cohort=cohort_en,
            user=ensure_user({**p, "role": "facilitator"}, report),
            role=Enrollment.Role.FACILITATOR,
        )
    for p in content.EN_PARTICIPANTS:
        user = ensure_user({**p, "role": "participant"}, report)
        if not Enrollment.objects.filter(cohort=cohort_en, user=user).exists():
            services.enrolment_add(cohort=cohort_en, user=user)

    if not Reflection.objects.filter(enrollment__cohort=cohort_es).exists():
        _seed_progress(cohort_es, participants, facilitators[0])

    return SeededCourses(report=report, course_es=course_es, cohort_es=cohort_es)
