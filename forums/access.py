"""Who may see and write in the forums, built on the cohort rules of ``courses.access``.

- A cohort-wide space: the cohort's members (any role) and staff.
- A small-group space: the group's members, the cohort's facilitators and staff.
- Writing (threads, replies, reactions): those who may see the space and take part in the cohort
  (participants and facilitators; observers only read).
- Moderating: ``courses.access.can_manage_cohort`` (the cohort's facilitators and staff).

Anything a user may not see is reported as missing (404), never as forbidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from courses import access
from courses.models import Cohort, Enrollment
from forums.models import Post, Space, Thread

if TYPE_CHECKING:
    from lms.typing import AnyUser


def can_view_space(user: AnyUser, space: Space) -> bool:
    return access.in_group_audience(
        user, cohort=space.cohort, group_id=space.group_id if space.is_group else None
    )


def can_post(user: AnyUser, space: Space) -> bool:
    """Open threads, reply and react in a space."""
    return can_view_space(user, space) and access.can_take_part(user, space.cohort)


def can_moderate(user: AnyUser, cohort: Cohort) -> bool:
    """Pin, lock, hide, move and close threads; hide posts; see edit history and voices."""
    return access.can_manage_cohort(user, cohort)


def can_view_thread(user: AnyUser, thread: Thread) -> bool:
    if not can_view_space(user, thread.space):
        return False
    return not thread.hidden or can_moderate(user, thread.cohort)


def can_edit_post(user: AnyUser, post: Post) -> bool:
    return bool(user.is_authenticated and post.author_id == user.pk and not post.deleted and not post.hidden)


def can_delete_post(user: AnyUser, post: Post) -> bool:
    return bool(user.is_authenticated and post.author_id == user.pk and not post.deleted)


def must_post_first(user: AnyUser, thread: Thread, enrollment: Enrollment | None) -> bool:
    """Whether the "post first, then see others" rule applies to this person in this thread."""
    return bool(thread.post_first and enrollment is not None and enrollment.is_participant)


def visible_spaces(user: AnyUser, cohort: Cohort) -> list[Space]:
    """The spaces of a cohort this person may see, cohort-wide first."""
    if not access.can_view_cohort(user, cohort):
        return []
    spaces = list(Space.objects.filter(cohort=cohort).select_related("group").order_by("kind", "title"))
    if access.can_manage_cohort(user, cohort):
        return spaces
    enrollment = access.enrollment_in(user, cohort)
    group_id = enrollment.group_id if enrollment else None
    return [s for s in spaces if not s.is_group or s.group_id == group_id]


def get_space_or_404(user: AnyUser, pk: int) -> Space:
    space = Space.objects.select_related("cohort__course", "group").filter(pk=pk).first()
    if space is None or not can_view_space(user, space):
        raise Http404
    return space


def get_thread_or_404(user: AnyUser, pk: int, *, include_hidden: bool = False) -> Thread:
    """A thread the user may see; ``include_hidden`` lets members of the space reach a hidden thread
    (to be told it is hidden when they reply), never people outside the space."""
    thread = Thread.objects.select_related("space__group", "cohort__course", "lesson").filter(pk=pk).first()
    if thread is None:
        raise Http404
    thread.space.cohort = thread.cohort
    visible = can_view_space(user, thread.space) if include_hidden else can_view_thread(user, thread)
    if not visible:
        raise Http404
    return thread


def get_post_or_404(user: AnyUser, pk: int) -> Post:
    post = (
        Post.objects.select_related(
            "thread__space__group", "thread__cohort__course", "thread__lesson", "author"
        )
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    post.thread.space.cohort = post.thread.cohort
    if not can_view_thread(user, post.thread):
        raise Http404
    return post


def readable_threads_q(user: AnyUser, prefix: str = "") -> Q:
    """A filter for threads (``prefix=""``) or rows pointing to a thread (``prefix="thread__"``) that
    ``user`` may see, as ``can_view_thread`` decides one by one: in SQL, a fixed number of subqueries."""
    if access.is_staff(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    enrolled = Enrollment.objects.filter(user=user, cohort_id=OuterRef(f"{prefix}cohort_id"))
    facilitates = Exists(enrolled.filter(role=Enrollment.Role.FACILITATOR))
    in_group = Exists(enrolled.filter(group_id=OuterRef(f"{prefix}space__group_id")))
    sees_space = facilitates | (Exists(enrolled) & Q(**{f"{prefix}space__group__isnull": True})) | in_group
    return sees_space & (Q(**{f"{prefix}hidden": False}) | facilitates)


def thread_reader_ids(thread: Thread, user_ids: set[int] | list[int]) -> set[int]:
    """Which of ``user_ids`` may read ``thread`` now (one query): used before notifying anyone."""
    if not user_ids:
        return set()
    members = Enrollment.objects.filter(cohort_id=thread.cohort_id, user_id=OuterRef("pk"))
    if thread.hidden:
        members = members.filter(role=Enrollment.Role.FACILITATOR)
    elif thread.space.is_group:
        members = members.filter(access.group_audience_q(thread.space.group_id))
    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    readers = users.filter(Q(is_staff=True) | Q(is_superuser=True) | Exists(members))
    return set(readers.values_list("pk", flat=True))
