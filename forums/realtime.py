"""Live updates of a thread: who may listen, and the doorbell rung when a contribution is published.

Like the live room (live/room/): the contribution is stored in its transaction and announced from
``transaction.on_commit`` through the channel layer, which is only a doorbell. A frame carries the
contribution's id and the URL of its HTML fragment; the browser fetches the fragment over HTTP, where
the same access rules as the page apply. A client that missed frames reconnects with ``?after=<id>``.

Close codes, as the room's: 4401 not signed in, 4404 no such thread (or one the member may not see),
4403 not a member of the thread's cohort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.urls import reverse

from courses import access as course_access
from forums import access
from forums.models import Post, Thread
from lms import realtime

if TYPE_CHECKING:
    from lms.typing import AnyUser

CATCH_UP_LIMIT = 50


def group_name(thread_id: int) -> str:
    return f"forum-thread.{thread_id}"


@dataclass(frozen=True)
class Admission:
    close_code: int | None
    thread: Thread | None = None


def admit(user: AnyUser, thread_id: int) -> Admission:
    if not user.is_authenticated:
        return Admission(4401)
    thread = Thread.objects.select_related("space__group", "cohort").filter(pk=thread_id).first()
    if thread is None:
        return Admission(4404)
    thread.space.cohort = thread.cohort
    if not course_access.can_view_cohort(user, thread.cohort):
        return Admission(4403)
    if not access.can_view_thread(user, thread):
        return Admission(4404)
    return Admission(None, thread)


class PostFrame(TypedDict):
    type: str
    thread_id: int
    post_id: int
    root_id: int | None
    author_id: int
    url: str


def post_frame(post: Post) -> PostFrame:
    return {
        "type": "post.created",
        "thread_id": post.thread_id,
        "post_id": post.pk,
        "root_id": post.root_id,
        "author_id": post.author_id,
        "url": reverse("forums:post_fragment", args=[post.pk]),
    }


def announce(thread_id: int, frame: PostFrame) -> None:
    realtime.announce(group_name(thread_id), {"type": "thread.frame", "frame": frame})


def announce_post_on_commit(post: Post) -> None:
    realtime.announce_on_commit(
        group_name(post.thread_id), {"type": "thread.frame", "frame": post_frame(post)}
    )


def posts_after(thread: Thread, after: int) -> list[PostFrame]:
    """Frames for contributions newer than ``after`` (bounded), for a client that reconnects."""
    posts = Post.objects.filter(thread=thread, pk__gt=after).order_by("pk")[:CATCH_UP_LIMIT]
    return [post_frame(p) for p in posts]


def last_post_id(thread: Thread) -> int:
    return Post.objects.filter(thread=thread).order_by("-pk").values_list("pk", flat=True).first() or 0
