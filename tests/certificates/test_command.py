"""`manage.py issue_certificates [--cohort ID] [--dry-run]`: safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from certificates.models import Certificate
from tests.certificates.conftest import complete
from tests.factories import enrol, make_cohort, make_user


def run(*args) -> str:
    """The command's report, in English (it speaks the site's language, Spanish by default)."""
    out = StringIO()
    with translation.override("en"):
        call_command("issue_certificates", *args, stdout=out)
    return out.getvalue()


def test_running_twice_issues_once(world, qualified):
    first = run()
    assert Certificate.objects.count() == 1
    assert f"{world.cohort.name}: 1 issued, 0 already had one" in first
    second = run()
    assert Certificate.objects.count() == 1
    assert f"{world.cohort.name}: 0 issued, 1 already had one" in second


def test_dry_run_issues_nothing_and_names_who_would_receive_one(world, qualified):
    out = run("--dry-run")
    assert not Certificate.objects.exists()
    assert "participante" in out and "1 would be issued" in out


def test_one_cohort_only(world, qualified):
    peer = make_user("ajena2")
    complete(enrol(peer, world.other_cohort), world.other_tree.all_lessons)
    run("--cohort", str(world.other_cohort.pk))
    assert list(Certificate.objects.values_list("user__username", flat=True)) == ["ajena2"]


def test_cohorts_that_have_not_started_are_left_alone(world, qualified):
    future = make_cohort(world.tree.course, started_days_ago=-10)
    user = make_user("futura")
    complete(enrol(user, future), world.tree.all_lessons)
    out = run()
    assert future.name not in out
    assert not Certificate.objects.filter(cohort=future).exists()
    with pytest.raises(CommandError):
        run("--cohort", str(future.pk))


@pytest.mark.parametrize("bad", [["--cohort", "999999"], ["--cohort", "abc"]])
def test_bad_cohort_argument(world, bad):
    with pytest.raises(CommandError):
        run(*bad)
