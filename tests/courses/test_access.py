"""Who sees what: a matrix of roles against pages, and the rules in courses/access.py themselves."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from courses import access
from courses.access import LessonDecision
from courses.models import Enrollment
from tests.courses.conftest import ROLES, login_as, user_for
from tests.factories import enrol, make_cohort, make_user


def assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert quote(path, safe="/") in response.url


# --- Pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_course_page_is_public(client, world, role):
    login_as(client, world, role)
    response = client.get(world.tree.course.url)
    assert response.status_code == 200
    assert world.tree.course.title in response.text


RELEASED_LESSON = {
    "anonymous": "login",
    "outsider": 403,
    "participant": 200,
    "observer": 200,
    "facilitator": 200,
    "staff": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_released_lesson(client, world, released_lesson, role):
    login_as(client, world, role)
    response = client.get(released_lesson.url)
    expected = RELEASED_LESSON[role]
    if expected == "login":
        assert_login_redirect(response, released_lesson.url)
    elif expected == 403:
        assert response.status_code == 403
        # The gate explains and offers the course page instead; the lesson body is not shown.
        assert "<p>Contenido</p>" not in response.text
        assert f'href="{world.tree.course.url}#enrol"' in response.text
    else:
        assert response.status_code == 200
        assert "<p>Contenido</p>" in response.text


LOCKED_LESSON = {
    "anonymous": "login",
    "outsider": 403,
    "participant": "locked",
    "observer": "locked",
    "facilitator": 200,
    "staff": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_locked_lesson(client, world, locked_lesson, role):
    login_as(client, world, role)
    response = client.get(locked_lesson.url)
    expected = LOCKED_LESSON[role]
    if expected == "login":
        assert_login_redirect(response, locked_lesson.url)
    elif expected == 403:
        assert response.status_code == 403
        assert response.context["decision"].decision == LessonDecision.NOT_ENROLLED
        assert "<p>Contenido</p>" not in response.text
    elif expected == "locked":
        assert response.status_code == 403
        assert "<p>Contenido</p>" not in response.text
        opens_at = world.cohort.release_at(400)
        assert response.context["decision"].opens_at == opens_at
        # The page says when the module opens, as a date in the cohort's time zone.
        with translation.override("es"):
            assert dateformat.format(opens_at, "j F Y") in response.text
        assert "Módulo 3" in response.text
    else:
        assert response.status_code == 200
        assert "<p>Contenido</p>" in response.text


COHORT_PAGE = {
    "anonymous": "login",
    "outsider": 404,
    "participant": 200,
    "observer": 200,
    "facilitator": 200,
    "staff": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_cohort_page(client, world, role):
    login_as(client, world, role)
    url = reverse("workspace:cohort", args=[world.cohort.pk])
    response = client.get(url)
    expected = COHORT_PAGE[role]
    if expected == "login":
        assert_login_redirect(response, url)
    else:
        assert response.status_code == expected
    if expected == 200:
        assert world.cohort.name in response.text
        assert world.participant.get_full_name() in response.text


def test_cohort_page_of_unknown_id_is_404(client, world):
    client.force_login(world.staff)
    assert client.get(reverse("workspace:cohort", args=[999_999])).status_code == 404


REFLECTION_PAGE = {
    "anonymous": "login",
    "owner": 200,
    "peer": 404,
    "observer": 404,
    "outsider": 404,
    "facilitator": 200,
    "staff": 200,
}


@pytest.mark.parametrize("role", list(REFLECTION_PAGE))
def test_reflection_page(client, world, reflection, peer, role):
    user = {"owner": world.participant, "peer": peer}.get(role) or user_for(world, role)
    if user is not None:
        client.force_login(user)
    url = reverse("courses:reflection", args=[reflection.pk])
    response = client.get(url)
    expected = REFLECTION_PAGE[role]
    if expected == "login":
        assert_login_redirect(response, url)
        return
    assert response.status_code == expected
    if expected == 200:
        assert "Mi reflexión sobre el diálogo igualitario." in response.text
    else:
        assert "Mi reflexión" not in response.text


def test_facilitator_of_another_cohort_of_the_same_course_cannot_see_reflection(client, world, reflection):
    second_run = make_cohort(world.tree.course, started_days_ago=2)
    other_facilitator = make_user("otra-facilitadora")
    enrol(other_facilitator, second_run, Enrollment.Role.FACILITATOR)
    client.force_login(other_facilitator)
    assert client.get(reverse("courses:reflection", args=[reflection.pk])).status_code == 404
    assert not access.can_view_reflection(other_facilitator, reflection)


def test_outsider_cannot_use_lesson_routes_of_another_course(client, world, released_lesson):
    """The routes under a lesson (complete, reflections) pass through the same gate as the lesson."""
    client.force_login(world.outsider)
    assert client.post(released_lesson.url + "complete/").status_code == 403
    response = client.post(released_lesson.url + "reflections/x/", {"body": "hola"})
    assert response.status_code == 403
    assert "<p>Contenido</p>" not in response.text


# --- The rules -------------------------------------------------------------------------------------


def test_anonymous_has_no_rights(world):
    anon = AnonymousUser()
    assert not access.is_staff(anon)
    assert not access.can_view_cohort(anon, world.cohort)
    assert not access.can_manage_cohort(anon, world.cohort)
    assert not access.can_take_part(anon, world.cohort)
    assert list(access.visible_cohorts(anon)) == []
    assert list(access.managed_cohorts(anon)) == []
    assert access.enrollment_for_course(anon, world.tree.course) is None


@pytest.mark.parametrize(
    ("role", "view", "manage", "take_part"),
    [
        ("participant", True, False, True),
        ("observer", True, False, False),
        ("facilitator", True, True, True),
        ("outsider", False, False, False),
        ("staff", True, True, False),
    ],
)
def test_cohort_rules_by_role(world, role, view, manage, take_part):
    user = getattr(world, role)
    assert access.can_view_cohort(user, world.cohort) is view
    assert access.can_manage_cohort(user, world.cohort) is manage
    assert access.can_take_part(user, world.cohort) is take_part


def test_visible_and_managed_cohorts(world):
    assert set(access.visible_cohorts(world.participant)) == {world.cohort}
    assert set(access.visible_cohorts(world.outsider)) == {world.other_cohort}
    assert set(access.visible_cohorts(world.staff)) == {world.cohort, world.other_cohort}
    assert set(access.managed_cohorts(world.facilitator)) == {world.cohort}
    assert set(access.managed_cohorts(world.participant)) == set()
    assert set(access.managed_cohorts(world.staff)) == {world.cohort, world.other_cohort}


def test_managed_cohorts_needs_the_facilitator_role_in_that_same_cohort(world):
    # Facilitating one cohort and being a participant in another does not make one manage both.
    enrol(world.facilitator, world.other_cohort)
    assert set(access.managed_cohorts(world.facilitator)) == {world.cohort}
    assert set(access.facilitated_courses(world.facilitator)) == {world.tree.course}


def test_get_visible_cohort_or_404(world):
    assert access.get_visible_cohort_or_404(world.observer, world.cohort.pk) == world.cohort
    with pytest.raises(Http404):
        access.get_visible_cohort_or_404(world.outsider, world.cohort.pk)


def test_enrollment_for_course_prefers_facilitating_then_newest(world):
    newer = make_cohort(world.tree.course, started_days_ago=1)
    older = make_cohort(world.tree.course, started_days_ago=100)
    user = make_user()
    enrol(user, older)
    enrol(user, newer)
    assert access.enrollment_for_course(user, world.tree.course).cohort == newer
    enrol(user, world.cohort, Enrollment.Role.FACILITATOR)
    assert access.enrollment_for_course(user, world.tree.course).cohort == world.cohort


def test_lesson_access_decisions(world):
    course = world.tree.course
    released, locked = world.tree.modules[0], world.tree.modules[2]
    check = access.lesson_access
    assert check(AnonymousUser(), course=course, module=released).decision == LessonDecision.SIGN_IN
    assert check(world.outsider, course=course, module=released).decision == LessonDecision.NOT_ENROLLED
    assert check(world.participant, course=course, module=released).allowed
    assert check(world.observer, course=course, module=released).allowed
    decision = check(world.participant, course=course, module=locked)
    assert decision.decision == LessonDecision.LOCKED
    assert decision.opens_at == world.cohort.release_at(400)
    assert decision.cohort == world.cohort
    assert check(world.facilitator, course=course, module=locked).allowed
    assert check(world.staff, course=course, module=locked).allowed
    # The same locked module opens once its date comes.
    later = world.cohort.release_at(400) + dt.timedelta(seconds=1)
    assert check(world.participant, course=course, module=locked, now=later).allowed


def test_lesson_access_for_finds_course_and_module(world, locked_lesson):
    assert access.lesson_access_for(world.participant, locked_lesson).decision == LessonDecision.LOCKED
    assert access.lesson_access_for(world.facilitator, locked_lesson).allowed


def test_reflection_rules(world, reflection, peer):
    assert access.can_view_reflection(world.participant, reflection)
    assert access.can_view_reflection(world.facilitator, reflection)
    assert access.can_view_reflection(world.staff, reflection)
    assert not access.can_view_reflection(peer, reflection)
    assert not access.can_view_reflection(world.observer, reflection)
    assert not access.can_view_reflection(world.outsider, reflection)

    assert access.can_give_feedback(world.facilitator, reflection)
    assert access.can_give_feedback(world.staff, reflection)
    assert not access.can_give_feedback(world.participant, reflection)
    assert not access.can_give_feedback(peer, reflection)

    assert access.can_answer_feedback(world.participant, reflection)
    assert not access.can_answer_feedback(world.facilitator, reflection)

    assert access.get_reflection_or_404(world.facilitator, reflection.pk) == reflection
    with pytest.raises(Http404):
        access.get_reflection_or_404(peer, reflection.pk)
    with pytest.raises(Http404):
        access.get_reflection_or_404(world.staff, reflection.pk + 1000)


def test_module_is_released_at_midnight_of_the_cohort(world):
    module = world.tree.modules[1]  # offset 7 days
    opens = world.cohort.release_at(7)
    assert not access.module_is_released(module, world.cohort, now=opens - dt.timedelta(microseconds=1))
    assert access.module_is_released(module, world.cohort, now=opens)
    assert access.module_is_released(module, world.cohort)  # started 10 days ago
    assert opens < timezone.now()


# --- the small-group audience: one rule, its filters agree with it ---------------------------------------


@pytest.fixture
def two_groups(db):
    from courses.models import CohortGroup, Enrollment
    from tests.factories import enrol, make_cohort, make_course, make_user

    tree = make_course("Grupos", modules=1, lessons=1)
    cohort = make_cohort(tree.course)
    red = CohortGroup.objects.create(cohort=cohort, name="Rojo")
    blue = CohortGroup.objects.create(cohort=cohort, name="Azul")
    people = {
        "in_red": enrol(make_user("roja"), cohort, group=red),
        "in_blue": enrol(make_user("azul"), cohort, group=blue),
        "no_group": enrol(make_user("suelta"), cohort),
        "facilitator": enrol(make_user("guia"), cohort, role=Enrollment.Role.FACILITATOR),
        "observer_in_red": enrol(make_user("mira"), cohort, role=Enrollment.Role.OBSERVER, group=red),
    }
    return cohort, red, blue, people


AUDIENCE_OF_RED = {"in_red", "facilitator", "observer_in_red"}


@pytest.mark.parametrize("who", ["in_red", "in_blue", "no_group", "facilitator", "observer_in_red"])
def test_a_small_groups_audience_is_its_members_and_the_facilitators(two_groups, who):
    cohort, red, _blue, people = two_groups
    user = people[who].user
    assert access.in_group_audience(user, cohort=cohort, group_id=red.pk) is (who in AUDIENCE_OF_RED)


@pytest.mark.parametrize("who", ["in_red", "in_blue", "no_group", "facilitator", "observer_in_red"])
def test_the_whole_cohort_is_addressed_when_there_is_no_group(two_groups, who):
    cohort, _red, _blue, people = two_groups
    assert access.in_group_audience(people[who].user, cohort=cohort, group_id=None)


def test_the_audience_filter_on_enrolments_agrees_with_the_predicate(two_groups):
    cohort, red, _blue, people = two_groups
    chosen = set(cohort.enrollments.filter(access.group_audience_q(red.pk)).values_list("pk", flat=True))
    assert chosen == {people[who].pk for who in AUDIENCE_OF_RED}


@pytest.mark.parametrize("who", ["in_red", "in_blue", "no_group", "facilitator", "observer_in_red"])
def test_what_is_addressed_to_a_member_agrees_with_the_predicate(two_groups, who):
    from live.models import Gathering

    cohort, red, blue, people = two_groups
    start = timezone.now() + dt.timedelta(days=1)
    made = {
        group_id: Gathering.objects.create(
            cohort=cohort,
            group_id=group_id,
            title=f"g{group_id}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        )
        for group_id in (None, red.pk, blue.pk)
    }
    user = people[who].user
    expected = {
        g.pk for gid, g in made.items() if access.in_group_audience(user, cohort=cohort, group_id=gid)
    }
    by_enrolment = set(
        Gathering.objects.filter(access.addressed_to_q([people[who]])).values_list("pk", flat=True)
    )
    by_user = set(Gathering.objects.filter(access.addressed_to_user_q(user)).values_list("pk", flat=True))
    assert by_enrolment == expected
    assert by_user == expected
