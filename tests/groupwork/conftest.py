"""Fixtures for the small-groups tests, on top of the `world` of tests/conftest.py.

world.cohort gets two groups: "GIA Norte" (world.participant, a peer and an observer) and "GIA Sur"
(another participant). world.facilitator is enrolled through the service that grants Wagtail rights.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission

from courses import services as course_services
from courses.models import CohortGroup, Enrollment
from groupwork import services
from groupwork.services import NewCommitment
from tests.factories import enrol, make_user


@dataclass
class Groups:
    world: object
    cohort: object
    north: CohortGroup
    south: CohortGroup
    member: object  # world.participant, in north
    peer: object  # another participant in north
    observer_member: object  # an observer placed in north
    other_group: object  # a participant in south
    facilitator: object
    outsider: object  # a participant of another cohort
    staff: object  # staff with access to the Wagtail admin, no other permission
    member_enrollment: Enrollment
    peer_enrollment: Enrollment
    other_enrollment: Enrollment
    observer_enrollment: Enrollment

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def gw(world) -> Groups:
    cohort = world.cohort
    north = CohortGroup.objects.create(cohort=cohort, name="GIA Norte", sort_order=1)
    south = CohortGroup.objects.create(cohort=cohort, name="GIA Sur", sort_order=2)
    member_enrollment = Enrollment.objects.get(user=world.participant, cohort=cohort)
    member_enrollment.group = north
    member_enrollment.save()
    peer = make_user("companera", first_name="Rosa", last_name="Quispe")
    peer_enrollment = enrol(peer, cohort, group=north)
    observer_enrollment = Enrollment.objects.get(user=world.observer, cohort=cohort)
    observer_enrollment.group = north
    observer_enrollment.save()
    other = make_user("del_sur", first_name="Zoila", last_name="Mamani")
    other_enrollment = enrol(other, cohort, group=south)
    course_services.enrolment_add(cohort=cohort, user=world.facilitator, role=Enrollment.Role.FACILITATOR)
    world.staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return Groups(
        world=world,
        cohort=cohort,
        north=north,
        south=south,
        member=world.participant,
        peer=peer,
        observer_member=world.observer,
        other_group=other,
        facilitator=world.facilitator,
        outsider=world.outsider,
        staff=world.staff,
        member_enrollment=member_enrollment,
        peer_enrollment=peer_enrollment,
        other_enrollment=other_enrollment,
        observer_enrollment=observer_enrollment,
    )


def days_ago(cohort, days: int) -> dt.date:
    return cohort.today() - dt.timedelta(days=days)


def record(gw: Groups, *, days: int = 5, by=None, **kwargs):
    """A valid session of the north group, `days` ago, attended by the member and the peer."""
    arguments = {
        "group": gw.north,
        "by": by or gw.member,
        "held_on": days_ago(gw.cohort, days),
        "attendees": [gw.member_enrollment.pk, gw.peer_enrollment.pk],
        "record": "Leímos juntos y acordamos probar una tertulia.",
    }
    arguments.update(kwargs)
    return services.group_session_record(**arguments)


@pytest.fixture
def first_session(gw):
    """A session nine days ago that made three commitments: the peer's, the whole group's, the member's."""
    return record(
        gw,
        days=9,
        new_commitments=[
            NewCommitment(text="Proponer una tertulia en la reunión de red", owner=gw.peer_enrollment.pk),
            NewCommitment(text="Leer el capítulo 2"),
            NewCommitment(
                text="Preguntar a dos directores",
                owner=gw.member_enrollment.pk,
                due_on=days_ago(gw.cohort, 2),
            ),
        ],
        client_token=uuid.uuid4(),
    )
