"""Selectors that read small groups and their work, in a number of queries that does not grow with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from courses.models import Cohort, CohortGroup, Enrollment
from forums.models import Space
from groupwork.models import (
    Commitment,
    CommitmentReview,
    CommitmentStatus,
    GroupSession,
    SessionComment,
    WorkPlan,
)

SESSIONS_PER_PAGE = 10
MEMBER_ORDER = ("user__first_name", "user__last_name", "user__username", "pk")


def group_members(group: CohortGroup) -> list[Enrollment]:
    """Everyone the cohort places in the group (participants mostly), by name. One query."""
    return list(
        Enrollment.objects.filter(group=group, cohort_id=group.cohort_id)
        .select_related("user")
        .order_by(*MEMBER_ORDER)
    )


def open_commitments(*, group: CohortGroup) -> list[Commitment]:
    """The group's pending commitments, oldest first, with who and where they were made. One query.

    ``carried`` on each is the number of sessions that already carried it over.
    """
    return list(
        Commitment.objects.filter(group=group, status=CommitmentStatus.PENDING)
        .select_related("owner__user", "made_in")
        .annotate(carried=Count("reviews"))
        .order_by("made_in__held_on", "made_in_id", "pk")
    )


def _sessions(group: CohortGroup) -> QuerySet[GroupSession]:
    return (
        GroupSession.objects.filter(group=group)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("attendees", queryset=Enrollment.objects.select_related("user").order_by(*MEMBER_ORDER)),
            Prefetch(
                "reviews",
                queryset=CommitmentReview.objects.select_related(
                    "commitment__owner__user", "commitment__made_in"
                ),
            ),
            Prefetch(
                "commitments_made",
                queryset=Commitment.objects.select_related("owner__user", "closed_in").order_by("pk"),
            ),
            Prefetch("comments", queryset=SessionComment.objects.select_related("author")),
        )
        .order_by("-held_on", "-pk")
    )


@dataclass
class GroupWork:
    group: CohortGroup
    plan: WorkPlan | None
    members: list[Enrollment]
    sessions: list[GroupSession]
    session_count: int
    open_commitments: list[Commitment]
    page: int = 1
    pages: int = 1
    forum_space: Space | None = None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def group_work_plan(*, group: CohortGroup, page: int = 1, per_page: int = SESSIONS_PER_PAGE) -> GroupWork:
    """A group's page: members, plan, a page of sessions (newest first) and the open commitments.

    Nine queries whatever the number of members, sessions, commitments and comments.
    """
    plan = WorkPlan.objects.filter(group=group).select_related("updated_by").first()
    members = group_members(group)
    count = GroupSession.objects.filter(group=group).count()
    pages = max(1, -(-count // per_page))
    page = min(max(1, page), pages)
    offset = (page - 1) * per_page
    sessions = list(_sessions(group)[offset : offset + per_page])
    for position, session in enumerate(sessions):
        session.number = count - offset - position
    return GroupWork(
        group=group,
        plan=plan,
        members=members,
        sessions=sessions,
        session_count=count,
        open_commitments=open_commitments(group=group),
        page=page,
        pages=pages,
        forum_space=Space.objects.filter(group=group).first(),
    )


def group_session(*, group: CohortGroup, pk: int) -> GroupSession | None:
    """One session of a group with everything it shows, numbered in the group's chain."""
    session = _sessions(group).filter(pk=pk).first()
    if session is not None:
        session.number = (
            GroupSession.objects.filter(group=group)
            .filter(Q(held_on__lt=session.held_on) | Q(held_on=session.held_on, pk__lte=session.pk))
            .count()
        )
    return session


@dataclass
class GroupCard:
    group: CohortGroup
    members: list[Enrollment]
    sessions: int = 0
    last_held_on: dt.date | None = None
    open_commitments: int = 0


@dataclass
class ParticipantRow:
    """A participant on the groups page, with the name of their group ("" without one)."""

    enrollment: Enrollment
    group_name: str


@dataclass
class GroupsBoard:
    groups: list[CohortGroup]
    cards: list[GroupCard]
    participants: list[ParticipantRow]  # every participant of the cohort, by name
    ungrouped: list[Enrollment]


def cohort_groups_board(cohort: Cohort) -> GroupsBoard:
    """The groups admin page: every group with its participants and work, and every participant.

    Four queries whatever the number of groups and participants.
    """
    groups = list(CohortGroup.objects.filter(cohort=cohort).order_by("sort_order", "pk"))
    participants = list(
        Enrollment.objects.filter(cohort=cohort, role=Enrollment.Role.PARTICIPANT)
        .select_related("user")
        .order_by(*MEMBER_ORDER)
    )
    sessions: dict[int, tuple[int, dt.date | None]] = {
        row["group_id"]: (row["n"], row["last"])
        for row in GroupSession.objects.filter(group__cohort=cohort)
        .values("group_id")
        .annotate(n=Count("pk"), last=Max("held_on"))
    }
    pending = dict(
        Commitment.objects.filter(group__cohort=cohort, status=CommitmentStatus.PENDING)
        .values_list("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    cards = {
        g.pk: GroupCard(
            group=g,
            members=[],
            sessions=sessions.get(g.pk, (0, None))[0],
            last_held_on=sessions.get(g.pk, (0, None))[1],
            open_commitments=pending.get(g.pk, 0),
        )
        for g in groups
    }
    names = {g.pk: g.name for g in groups}
    rows = []
    ungrouped = []
    for enrollment in participants:
        rows.append(ParticipantRow(enrollment=enrollment, group_name=names.get(enrollment.group_id, "")))
        card = cards.get(enrollment.group_id) if enrollment.group_id is not None else None
        if card is None:
            ungrouped.append(enrollment)
        else:
            card.members.append(enrollment)
    return GroupsBoard(groups=groups, cards=list(cards.values()), participants=rows, ungrouped=ungrouped)
