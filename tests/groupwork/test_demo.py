"""The demo work of the interlearning groups: a plan, two past sessions and open commitments; idempotent."""

from __future__ import annotations

from courses.models import Enrollment
from groupwork import selectors
from groupwork.demo import seed_group_work
from groupwork.models import Commitment, CommitmentReview, GroupSession, WorkPlan
from tests.factories import enrol, make_user


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (WorkPlan, GroupSession, Commitment, CommitmentReview))


def test_seed_group_work_twice_creates_one_copy(gw):
    enrol(make_user("tercera", first_name="Tercera"), gw.cohort, group=gw.north)
    seed_group_work(gw.cohort)
    # North has three participants: plan, two sessions, commitments; south has too few members.
    assert WorkPlan.objects.filter(group=gw.north).exists()
    assert not WorkPlan.objects.filter(group=gw.south).exists()
    sessions = list(GroupSession.objects.filter(group=gw.north).order_by("held_on"))
    assert len(sessions) == 2
    assert sessions[0].held_on <= sessions[1].held_on < gw.cohort.today()
    # The second session opened with the first one's commitments.
    assert sessions[1].reviews.count() == sessions[0].commitments_made.count() == 3
    open_now = selectors.open_commitments(group=gw.north)
    assert len(open_now) == 3 and any(c.carried for c in open_now)
    before = counts()
    activity = list(Enrollment.objects.order_by("pk").values_list("last_activity_at", flat=True))
    seed_group_work(gw.cohort)
    assert counts() == before
    assert list(Enrollment.objects.order_by("pk").values_list("last_activity_at", flat=True)) == activity


def test_the_demo_cohorts_groups_have_work_to_show(db):
    from courses.demo.seed import ES_COHORT_NAME
    from courses.models import Cohort
    from workspace.demo import seed

    seed()
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    groups = list(cohort.groups.all())
    assert groups
    for group in groups:
        assert WorkPlan.objects.filter(group=group).exists(), group.name
        assert GroupSession.objects.filter(group=group).count() == 2, group.name
        assert selectors.open_commitments(group=group), group.name
    before = counts()
    seed()
    assert counts() == before
