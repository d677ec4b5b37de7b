"""Who qualifies for a certificate, criterion by criterion, and what is left to do."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.selectors import certificate_eligibility, cohort_eligibility
from courses.models import CohortGroup, Enrollment
from live.models import Gathering
from tests.certificates.conftest import attend, complete, gathering, member, reflect, set_criteria
from tests.factories import enrol, make_cohort, make_course, make_user


def eligibility(world, user=None):
    return certificate_eligibility(cohort=world.cohort, user=user or world.participant)


# --- lessons ------------------------------------------------------------------------------------------------


def test_by_default_every_lesson_is_required(world, enrollment):
    lessons = world.tree.all_lessons
    complete(enrollment, lessons[:4])
    result = eligibility(world)
    assert not result.eligible
    assert [c.key for c in result.criteria] == ["lessons"]  # nothing else is required by default
    status = result.lessons
    assert (status.done, status.needed, status.total, status.left) == (4, 6, 6, 2)
    assert [item.lesson.pk for item in status.missing_lessons] == [lesson.pk for lesson in lessons[4:]]
    assert [item.released for item in status.missing_lessons] == [False, False]  # module 3 opens later
    assert result.missing == [status]

    complete(enrollment, lessons[4:])
    result = eligibility(world)
    assert result.eligible and result.can_be_issued and result.missing == []


def test_a_chosen_subset_of_lessons(world, enrollment):
    lessons = world.tree.all_lessons
    set_criteria(world.tree.course, lessons=lessons[:2])
    complete(enrollment, lessons[:1])
    assert eligibility(world).lessons.total == 2
    assert not eligibility(world).eligible
    complete(enrollment, lessons[1:2])
    assert eligibility(world).eligible


def test_unpublished_lessons_do_not_count(world, enrollment):
    lessons = world.tree.all_lessons
    lessons[-1].unpublish()
    complete(enrollment, lessons[:-1])
    result = eligibility(world)
    assert result.lessons.total == 5
    assert result.eligible


def test_completions_in_another_cohort_do_not_count(world, enrollment):
    later = make_cohort(world.tree.course, started_days_ago=2)
    complete(enrol(world.participant, later), world.tree.all_lessons)
    assert not eligibility(world).eligible
    assert eligibility(world).lessons.done == 0


# --- reflections --------------------------------------------------------------------------------------------


def test_reflections_percentage_rounds_up(world, qualified):
    set_criteria(world.tree.course, reflections=50)  # 6 prompts: 3 needed
    lessons = world.tree.all_lessons
    for lesson in lessons[:2]:
        reflect(qualified, lesson)
    status = eligibility(world).reflections
    assert (status.done, status.needed, status.total, status.met) == (2, 3, 6, False)
    reflect(qualified, lessons[2])
    assert eligibility(world).reflections.met and eligibility(world).eligible

    set_criteria(world.tree.course, reflections=51)  # 3.06 → 4 needed
    assert eligibility(world).reflections.needed == 4
    assert not eligibility(world).eligible


def test_reflection_on_a_removed_prompt_does_not_count(world, qualified):
    set_criteria(world.tree.course, reflections=100)
    for lesson in world.tree.all_lessons[:-1]:
        reflect(qualified, lesson)
    reflect(qualified, world.tree.all_lessons[-1], prompt_id=str(uuid.uuid4()))  # a prompt since deleted
    status = eligibility(world).reflections
    assert (status.done, status.needed) == (5, 6)


def test_only_prompts_of_the_counted_lessons(world, qualified):
    lessons = world.tree.all_lessons
    set_criteria(world.tree.course, lessons=lessons[:2], reflections=100)
    reflect(qualified, lessons[0])
    reflect(qualified, lessons[4])  # not a required lesson
    assert (eligibility(world).reflections.done, eligibility(world).reflections.total) == (1, 2)


def test_a_course_without_reflection_prompts_meets_the_reflection_criterion(db):
    """Zero prompts: nothing to answer, so the criterion is met (documented choice)."""
    tree = make_course("Sin reflexiones", modules=1, lessons=2, body=[])
    cohort = make_cohort(tree.course)
    user = make_user()
    complete(enrol(user, cohort), tree.all_lessons)
    set_criteria(tree.course, reflections=100)
    result = certificate_eligibility(cohort=cohort, user=user)
    assert (result.reflections.total, result.reflections.needed, result.reflections.met) == (0, 0, True)
    assert result.eligible


# --- attendance ---------------------------------------------------------------------------------------------


def test_attendance_percentage_of_past_gatherings(world, qualified):
    set_criteria(world.tree.course, attendance=50)
    first, second = gathering(world.cohort, days_ago=7), gathering(world.cohort, days_ago=3)
    gathering(world.cohort, days_ago=-2, title="Next week")  # future: not counted
    gathering(world.cohort, days_ago=5, status=Gathering.Status.CANCELLED)  # cancelled: not counted
    result = eligibility(world)
    assert (result.attendance.done, result.attendance.needed, result.attendance.total) == (0, 1, 2)
    assert not result.eligible
    attend(first, world.participant)
    assert eligibility(world).eligible
    set_criteria(world.tree.course, attendance=75)
    assert not eligibility(world).eligible
    attend(second, world.participant, minutes=5)
    assert eligibility(world).eligible


def test_a_gathering_still_running_is_not_counted_until_it_ends(world, qualified):
    set_criteria(world.tree.course, attendance=100)
    now = timezone.now()
    running = Gathering.objects.create(
        cohort=world.cohort,
        title="Ahora",
        starts_at=now - dt.timedelta(minutes=10),
        ends_at=now + dt.timedelta(hours=1),
    )
    assert eligibility(world).attendance.total == 0
    running.status = Gathering.Status.ENDED
    running.save()
    assert eligibility(world).attendance.total == 1


def test_a_few_seconds_in_the_room_is_not_attending(world, qualified):
    set_criteria(world.tree.course, attendance=100)
    held = gathering(world.cohort)
    attend(held, world.participant, minutes=0.2)
    assert not eligibility(world).attendance.met
    attend(held, world.participant, minutes=10)
    assert eligibility(world).attendance.met


def test_small_group_gatherings_count_only_for_that_group(world, qualified):
    set_criteria(world.tree.course, attendance=100)
    mine, theirs = (CohortGroup.objects.create(cohort=world.cohort, name=name) for name in ("GIA 1", "GIA 2"))
    Enrollment.objects.filter(pk=qualified.pk).update(group=mine)
    attend(gathering(world.cohort, group=mine), world.participant)
    gathering(world.cohort, group=theirs)  # another group's session: not expected of this participant
    result = eligibility(world)
    assert (result.attendance.done, result.attendance.total) == (1, 1)
    assert result.eligible


def test_no_gathering_held_yet_meets_the_attendance_criterion(world, qualified):
    """Nothing to attend yet: met (documented choice), so certificates do not wait for gatherings."""
    set_criteria(world.tree.course, attendance=80)
    gathering(world.cohort, days_ago=-3)  # only a future one
    result = eligibility(world)
    assert (result.attendance.total, result.attendance.needed, result.attendance.met) == (0, 0, True)
    assert result.eligible


def test_gatherings_of_another_cohort_do_not_count(world, qualified):
    set_criteria(world.tree.course, attendance=100)
    other = gathering(world.other_cohort)
    attend(other, world.participant)
    assert eligibility(world).attendance.total == 0


# --- who and when -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "observer"])
def test_only_participants_qualify(world, role):
    user = getattr(world, role)
    complete(member(user, world.cohort), world.tree.all_lessons)
    result = eligibility(world, user)
    assert all(c.met for c in result.criteria)
    assert not result.eligible


def test_non_members_and_anonymous_have_no_eligibility(world):
    from django.contrib.auth.models import AnonymousUser

    assert eligibility(world, world.outsider) is None
    assert certificate_eligibility(cohort=world.cohort, user=AnonymousUser()) is None


def test_a_cohort_that_has_not_started_issues_nothing(db):
    tree = make_course(modules=1, lessons=1)
    cohort = make_cohort(tree.course, started_days_ago=-5)
    user = make_user()
    complete(enrol(user, cohort), tree.all_lessons)
    assert not certificate_eligibility(cohort=cohort, user=user).eligible


def test_a_course_can_stop_issuing_certificates(world, qualified):
    set_criteria(world.tree.course, enabled=False)
    assert not eligibility(world).eligible


# --- the whole cohort, in a fixed number of queries --------------------------------------------------------


def _cohort_of(participants: int):
    tree = make_course("Curso medido", modules=3, lessons=3, offsets=[0, 0, 0])
    cohort = make_cohort(tree.course, started_days_ago=20)
    set_criteria(tree.course, lessons=tree.all_lessons[:6], reflections=50, attendance=50)
    group = CohortGroup.objects.create(cohort=cohort, name="GIA")
    held = [gathering(cohort, days_ago=d) for d in (15, 8)] + [gathering(cohort, days_ago=4, group=group)]
    for i in range(participants):
        enrollment = enrol(make_user(), cohort, group=group if i % 2 else None)
        # Every third participant does everything; the others a varying part of it.
        full = i % 3 == 0
        complete(enrollment, tree.all_lessons if full else tree.all_lessons[: i % 7])
        for lesson in tree.all_lessons[: 4 if full else i % 4]:
            reflect(enrollment, lesson)
        for event in held if full else held[: i % 2]:
            attend(event, enrollment.user)
    return cohort


def _queries(cohort) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as ctx:
        rows = cohort_eligibility(cohort=cohort)
    return len(ctx.captured_queries), rows


def test_cohort_eligibility_runs_the_same_queries_for_5_or_80_participants(db, django_assert_max_num_queries):
    small, small_rows = _queries(_cohort_of(5))
    large_cohort = _cohort_of(80)
    with django_assert_max_num_queries(small):
        rows = cohort_eligibility(cohort=large_cohort)
    assert len(small_rows) == 5 and len(rows) == 80
    assert small <= 10
    assert any(r.eligible for r in rows) and not all(r.eligible for r in rows)


def test_cohort_eligibility_agrees_with_the_single_one(db):
    cohort = _cohort_of(12)
    for row in cohort_eligibility(cohort=cohort):
        single = certificate_eligibility(cohort=cohort, user=row.enrollment.user)
        assert [(c.key, c.done, c.needed, c.total) for c in single.criteria] == [
            (c.key, c.done, c.needed, c.total) for c in row.criteria
        ]
        assert single.eligible == row.eligible
