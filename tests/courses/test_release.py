"""Modules open to each cohort on their own date: an offset from its start, at midnight in its time zone."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import dateformat, timezone, translation

from courses import access, selectors
from courses.access import LessonDecision
from courses.models import Cohort, Enrollment, ModulePage
from tests.courses.conftest import translated
from tests.factories import enrol, make_cohort, make_course, make_user

UTC = dt.UTC
START = dt.date(2026, 4, 6)


def es_date(value) -> str:
    with translation.override("es"):
        return dateformat.format(value, "j F Y")


@pytest.fixture
def two_zones(db):
    """One course run by a cohort in Lima and one in Tokyo, both starting on the same date."""
    tree = make_course("Zonas", modules=2, lessons=1, offsets=[0, 7])
    lima = make_cohort(tree.course, name="Lima")
    tokyo = make_cohort(tree.course, name="Tokio", time_zone="Asia/Tokyo")
    Cohort.objects.filter(pk__in=[lima.pk, tokyo.pk]).update(
        starts_on=START, ends_on=START + dt.timedelta(weeks=20)
    )
    lima.refresh_from_db()
    tokyo.refresh_from_db()
    in_lima, in_tokyo = make_user("limena"), make_user("tokiota")
    enrol(in_lima, lima)
    enrol(in_tokyo, tokyo)
    return tree, lima, tokyo, in_lima, in_tokyo


def test_release_at_is_local_midnight_of_the_cohort(two_zones):
    _tree, lima, tokyo, *_ = two_zones
    assert lima.time_zone == "America/Lima"  # the default
    assert lima.release_at(7) == dt.datetime(2026, 4, 13, tzinfo=zoneinfo.ZoneInfo("America/Lima"))
    assert lima.release_at(7).astimezone(UTC) == dt.datetime(2026, 4, 13, 5, 0, tzinfo=UTC)
    assert tokyo.release_at(7).astimezone(UTC) == dt.datetime(2026, 4, 12, 15, 0, tzinfo=UTC)
    assert lima.release_at(0).astimezone(UTC) == dt.datetime(2026, 4, 6, 5, 0, tzinfo=UTC)


def test_same_instant_open_in_tokyo_and_locked_in_lima(two_zones):
    tree, lima, tokyo, in_lima, in_tokyo = two_zones
    course, week2 = tree.course, tree.modules[1]
    now = dt.datetime(2026, 4, 12, 16, 0, tzinfo=UTC)  # 13 April 01:00 in Tokyo, 12 April 11:00 in Lima
    tokyo_access = access.lesson_access(in_tokyo, course=course, module=week2, now=now)
    lima_access = access.lesson_access(in_lima, course=course, module=week2, now=now)
    assert tokyo_access.allowed
    assert lima_access.decision == LessonDecision.LOCKED
    assert lima_access.opens_at == lima.release_at(7)
    # One second before Lima's midnight it is still locked; at midnight it opens.
    lima_midnight = lima.release_at(7)
    before = access.lesson_access(
        in_lima, course=course, module=week2, now=lima_midnight - dt.timedelta(seconds=1)
    )
    assert before.decision == LessonDecision.LOCKED
    assert access.lesson_access(in_lima, course=course, module=week2, now=lima_midnight).allowed
    # And just before Tokyo's midnight Tokyo was locked too.
    just_before = tokyo.release_at(7) - dt.timedelta(seconds=1)
    assert not access.lesson_access(in_tokyo, course=course, module=week2, now=just_before).allowed
    # The first module was open from the start date in both.
    assert access.lesson_access(in_lima, course=course, module=tree.modules[0], now=now).allowed


def test_unknown_time_zone_falls_back_to_lima(db):
    tree = make_course(modules=1, lessons=1)
    cohort = make_cohort(tree.course, time_zone="Mars/Olympus")
    assert cohort.tz == zoneinfo.ZoneInfo("America/Lima")


def test_apply_progress_marks_release_per_cohort(two_zones):
    tree, lima, tokyo, *_ = two_zones
    now = dt.datetime(2026, 4, 12, 16, 0, tzinfo=UTC)
    lima_view = selectors.apply_progress(
        selectors.course_outline(tree.course), cohort=lima, completed_ids=set(), now=now
    )
    tokyo_view = selectors.apply_progress(
        selectors.course_outline(tree.course), cohort=tokyo, completed_ids=set(), now=now
    )
    assert [m.released for m in lima_view.modules] == [True, False]
    assert [m.released for m in tokyo_view.modules] == [True, True]
    assert lima_view.modules[1].opens_at == lima.release_at(7)
    unlocked = selectors.apply_progress(
        selectors.course_outline(tree.course), cohort=lima, completed_ids=set(), unlocked=True, now=now
    )
    assert all(m.released for m in unlocked.modules)


@pytest.fixture
def course_in_progress(db):
    """Module 1 open since 10 days ago, module 2 open since 3 days ago, module 3 opens in 20 days."""
    tree = make_course("Curso en marcha", modules=3, lessons=2, offsets=[0, 7, 30])
    cohort = make_cohort(tree.course, started_days_ago=10)
    participant, facilitator = make_user("alumna"), make_user("guia", first_name="Rosa", last_name="Quispe")
    enrol(participant, cohort)
    enrol(facilitator, cohort, Enrollment.Role.FACILITATOR)
    return tree, cohort, participant, facilitator


def _module_item(html: str, module) -> str:
    match = re.search(rf'<li class="module[^"]*" id="module-{module.pk}">(.*?)</ol>', html, re.S)
    assert match, f"module {module} not on the page"
    return match.group(0)


def test_course_page_shows_release_dates_and_lock_state(client, course_in_progress):
    tree, cohort, participant, _ = course_in_progress
    client.force_login(participant)
    html = client.get(tree.course.url).text
    first, second, third = (_module_item(html, m) for m in tree.modules)
    assert translated("Open since %(date)s", date=es_date(cohort.release_at(0))) in first
    assert translated("Open since %(date)s", date=es_date(cohort.release_at(7))) in second
    assert translated("Opens on %(date)s", date=es_date(cohort.release_at(30))) in third
    assert 'class="module locked"' in third and 'class="module locked"' not in first
    # Participants get links to released lessons only.
    assert f'href="{tree.lessons[0][0].url}"' in first
    assert f'href="{tree.lessons[1][1].url}"' in second
    assert f'href="{tree.lessons[2][0].url}"' not in third
    assert tree.lessons[2][0].title in third


def test_course_page_for_facilitator_links_locked_lessons(client, course_in_progress):
    tree, _cohort, _participant, facilitator = course_in_progress
    client.force_login(facilitator)
    html = client.get(tree.course.url).text
    assert f'href="{tree.lessons[2][0].url}"' in _module_item(html, tree.modules[2])


def test_course_page_for_visitors_shows_the_open_cohort(client, course_in_progress):
    tree, cohort, _participant, _facilitator = course_in_progress
    html = client.get(tree.course.url).text
    for module in tree.modules:
        assert module.title in html
    assert translated("Opens on %(date)s", date=es_date(cohort.release_at(30))) in html
    assert es_date(cohort.starts_on) in html and es_date(cohort.ends_on) in html
    assert "Rosa Quispe" in html  # facilitators
    assert f'href="{tree.lessons[0][0].url}"' not in html  # visitors are not sent into lessons


def test_dates_are_shown_in_the_cohort_time_zone(client, two_zones):
    tree, _lima, tokyo, _in_lima, in_tokyo = two_zones
    client.force_login(in_tokyo)
    html = client.get(tree.course.url).text
    # 13 April at midnight in Tokyo is still 12 April in Lima (the site's zone): the page says 13.
    assert es_date(dt.date(2026, 4, 13)) in html
    assert es_date(dt.date(2026, 4, 12)) not in html
    assert tokyo.release_at(7).date() == dt.date(2026, 4, 13)


def test_locked_lesson_gate_tells_the_opening_time_in_the_cohort_zone(client, two_zones):
    tree, _lima, tokyo, _in_lima, in_tokyo = two_zones
    Cohort.objects.filter(pk=tokyo.pk).update(
        starts_on=timezone.localdate(), ends_on=timezone.localdate() + dt.timedelta(days=60)
    )
    tokyo.refresh_from_db()
    client.force_login(in_tokyo)
    response = client.get(tree.lessons[1][0].url)
    assert response.status_code == 403
    opens = tokyo.release_at(7)
    with translation.override("es"):
        expected = dateformat.format(opens, "j F Y, H:i")
    assert expected in response.text and "00:00" in expected


# --- one rule: the predicate and the queryset filter agree ------------------------------------------------


@pytest.fixture
def lima_and_tokyo_modules(db):
    tree = make_course("Una regla", modules=4, lessons=1, offsets=[0, 1, 7, 30])
    lima = make_cohort(tree.course, name="Lima")
    tokyo = make_cohort(tree.course, name="Tokio", time_zone="Asia/Tokyo")
    Cohort.objects.filter(pk__in=[lima.pk, tokyo.pk]).update(starts_on=START)
    lima.refresh_from_db()
    tokyo.refresh_from_db()
    return tree, lima, tokyo


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 4, 5, 23, 0, tzinfo=UTC),  # before the start everywhere
        dt.datetime(2026, 4, 6, 4, 59, tzinfo=UTC),  # 23:59 in Lima on the 5th, the 6th in Tokyo
        dt.datetime(2026, 4, 6, 5, 0, tzinfo=UTC),  # midnight in Lima
        dt.datetime(2026, 4, 7, 15, 0, tzinfo=UTC),  # the 8th in Tokyo, the 7th in Lima
        dt.datetime(2026, 4, 13, 5, 0, tzinfo=UTC),
        dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC),
    ],
)
def test_released_modules_filter_agrees_with_the_predicate(lima_and_tokyo_modules, moment):
    tree, lima, tokyo = lima_and_tokyo_modules
    modules = list(ModulePage.objects.filter(pk__in=[m.pk for m in tree.modules]))
    for cohort in (lima, tokyo):
        by_predicate = {m.pk for m in modules if access.module_is_released(m, cohort, moment)}
        by_filter = set(
            ModulePage.objects.filter(pk__in=[m.pk for m in modules])
            .filter(access.released_modules_q(cohort, now=moment))
            .values_list("pk", flat=True)
        )
        assert by_filter == by_predicate, cohort.name


def test_the_midnight_in_lima_opens_the_first_module(lima_and_tokyo_modules):
    tree, lima, _tokyo = lima_and_tokyo_modules
    first = tree.modules[0]
    assert not access.module_is_released(first, lima, dt.datetime(2026, 4, 6, 4, 59, tzinfo=UTC))
    assert access.module_is_released(first, lima, dt.datetime(2026, 4, 6, 5, 0, tzinfo=UTC))
