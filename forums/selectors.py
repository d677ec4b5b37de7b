"""Selectors that read forum data for pages, in a number of queries that does not grow with the data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When, Window
from django.db.models.functions import Coalesce, RowNumber

from courses import access as course_access
from courses.models import Cohort, Enrollment, LessonPage
from forums import access, services
from forums.models import (
    DialogicMove,
    Notification,
    Post,
    Reaction,
    Space,
    SpaceSubscription,
    Thread,
    ThreadReadState,
    ThreadSubscription,
)
from lms.people import display_name
from lms.stats import gini

if TYPE_CHECKING:
    from courses.access import AnyUser

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20  # top-level contributions per page; their replies come with them
LESSON_LATEST = 3


def _unread_by(posts: QuerySet[Post], user: AnyUser, group_by: str) -> dict[int, int]:
    """Count posts newer than the user's read mark of their thread, grouped by ``group_by``. One query."""
    if not user.is_authenticated:
        return {}
    last_read = ThreadReadState.objects.filter(user=user, thread=OuterRef("thread_id")).values(
        "last_read_post_id"
    )[:1]
    rows = (
        posts.filter(deleted=False, hidden=False)
        .exclude(author=user)
        .annotate(read_mark=Coalesce(Subquery(last_read), 0))
        .filter(pk__gt=F("read_mark"))
        .order_by()
        .values(group_by)
        .annotate(n=Count("pk"))
        .values_list(group_by, "n")
    )
    return dict(rows)


# --- spaces ---------------------------------------------------------------------------------------------


@dataclass
class SpaceRow:
    space: Space
    threads: int = 0
    unread: int = 0


def space_list(*, user: AnyUser, cohort: Cohort) -> list[SpaceRow]:
    """The cohort's spaces this person may see, with their thread and unread counts."""
    spaces = access.visible_spaces(user, cohort)
    if not spaces:
        return []
    moderator = access.can_moderate(user, cohort)
    threads = Thread.objects.filter(space__in=spaces)
    if not moderator:
        threads = threads.filter(hidden=False)
    counts = dict(threads.order_by().values("space_id").annotate(n=Count("pk")).values_list("space_id", "n"))
    posts = Post.objects.filter(thread__space__in=spaces)
    if not moderator:
        posts = posts.filter(thread__hidden=False)
    unread = _unread_by(posts, user, "thread__space_id")
    return [SpaceRow(space=s, threads=counts.get(s.pk, 0), unread=unread.get(s.pk, 0)) for s in spaces]


@dataclass
class ThreadRow:
    thread: Thread
    unread: int = 0


def space_threads(*, user: AnyUser, space: Space, page_number: int | str | None = 1, move: str = "") -> dict:
    """One page of a space's threads, pinned first, then by latest activity, with unread counts."""
    moderator = access.can_moderate(user, space.cohort)
    threads = (
        Thread.objects.filter(space=space)
        .select_related("author")
        .order_by("-pinned", "-last_activity_at", "-pk")
    )
    if not moderator:
        threads = threads.filter(hidden=False)
    moves = list(DialogicMove.objects.filter(course_id=space.cohort.course_id, active=True))
    selected_move = next((m for m in moves if m.code == move), None)
    if selected_move is not None:
        threads = threads.filter(
            Exists(
                Post.objects.filter(thread=OuterRef("pk"), move=selected_move, deleted=False, hidden=False)
            )
        )
    page: PaginatorPage = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page_threads = list(page.object_list)
    unread = _unread_by(Post.objects.filter(thread__in=[t.pk for t in page_threads]), user, "thread_id")
    return {
        "space": space,
        "cohort": space.cohort,
        "page_obj": page,
        "threads": [ThreadRow(thread=t, unread=unread.get(t.pk, 0)) for t in page_threads],
        "moves": moves,
        "selected_move": selected_move,
        "can_moderate": moderator,
        "can_post": access.can_post(user, space),
        "space_watched": moderator
        and user.is_authenticated
        and SpaceSubscription.objects.filter(user=user, space=space).exists(),
    }


# --- a thread -----------------------------------------------------------------------------------------


@dataclass
class ReactionSummary:
    kind: str
    label: str
    count: int = 0
    names: list[str] = field(default_factory=list)
    mine: bool = False


@dataclass
class PostItem:
    post: Post
    reactions: list[ReactionSummary]
    nested_under_other: bool = False  # a reply to a reply: shown flat with "in reply to …"
    replies: list[PostItem] = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False

    @property
    def show_body(self) -> bool:
        return not self.post.deleted and not self.post.hidden

    @property
    def reaction_total(self) -> int:
        return sum(r.count for r in self.reactions)


def _reaction_summaries(post_ids: list[int], user: AnyUser) -> dict[int, list[ReactionSummary]]:
    """Counts and names per kind for many posts at once: one query."""
    labels = dict(Reaction.Kind.choices)
    summaries: dict[int, dict[str, ReactionSummary]] = {
        pid: {kind: ReactionSummary(kind=kind, label=str(labels[kind])) for kind in labels}
        for pid in post_ids
    }
    if post_ids:
        for reaction in (
            Reaction.objects.filter(post_id__in=post_ids).select_related("user").order_by("created_at", "pk")
        ):
            summary = summaries[reaction.post_id][reaction.kind]
            summary.count += 1
            summary.names.append(display_name(reaction.user))
            summary.mine = summary.mine or reaction.user_id == user.pk
    return {pid: list(kinds.values()) for pid, kinds in summaries.items()}


def _item(post: Post, reactions: dict[int, list[ReactionSummary]], user: AnyUser) -> PostItem:
    return PostItem(
        post=post,
        reactions=reactions.get(post.pk, []),
        nested_under_other=bool(post.reply_to_id and post.root_id and post.reply_to_id != post.root_id),
        can_edit=access.can_edit_post(user, post),
        can_delete=access.can_delete_post(user, post),
    )


def _passage_urls(posts: list[Post]) -> dict[int, str]:
    lesson_ids = {p.passage_lesson_id for p in posts if p.passage_lesson_id}
    if not lesson_ids:
        return {}
    return {
        lesson.pk: lesson.get_url() or ""
        for lesson in LessonPage.objects.filter(pk__in=lesson_ids).defer_streamfields()
    }


def thread_posts_queryset(thread: Thread) -> QuerySet[Post]:
    return Post.objects.filter(thread=thread).select_related(
        "author", "move", "reply_to__author", "hidden_by"
    )


def thread_page(*, user: AnyUser, thread: Thread, page_number: int | str | None = 1) -> dict:
    """A thread's contributions: top-level ones paginated, each with all its replies shown one level deep.

    A fixed number of queries whatever the number of posts, replies and reactions. A gathering thread
    is ordered by position in the reading, as a live gathering goes through the text.
    """
    cohort = thread.cohort
    enrollment = course_access.enrollment_in(user, cohort)
    moderator = access.can_moderate(user, cohort)
    must_post_first = access.must_post_first(user, thread, enrollment)
    has_posted = (
        user.is_authenticated and Post.objects.filter(thread=thread, author=user, deleted=False).exists()
    )
    waiting_for_own_post = must_post_first and not has_posted
    roots = _ordered(thread_posts_queryset(thread).filter(root__isnull=True), thread)
    if waiting_for_own_post:
        roots = roots.filter(author=user)
    page: PaginatorPage = Paginator(roots, POSTS_PER_PAGE).get_page(page_number)
    # The page's top-level posts and the first one of the next page, in one query.
    start = (page.number - 1) * POSTS_PER_PAGE
    window = list(roots[start : start + POSTS_PER_PAGE + 1])
    root_posts, next_root = window[:POSTS_PER_PAGE], (window[POSTS_PER_PAGE:] or [None])[0]
    replies: list[Post] = []
    if root_posts and not waiting_for_own_post:
        replies = list(
            thread_posts_queryset(thread)
            .filter(root__in=[p.pk for p in root_posts])
            .order_by("created_at", "pk")
        )
    all_posts = root_posts + replies
    reactions = _reaction_summaries([p.pk for p in all_posts], user)
    items = {p.pk: _item(p, reactions, user) for p in root_posts}
    for reply in replies:
        items[reply.root_id].replies.append(_item(reply, reactions, user))
    others = 0
    if waiting_for_own_post:
        others = Post.objects.filter(thread=thread, deleted=False, hidden=False).exclude(author=user).count()
    moves = list(DialogicMove.objects.filter(course_id=cohort.course_id, active=True))
    # Where reading up to is safe: everything shown, but not beyond the first post of the next page.
    read_up_to = max((p.pk for p in all_posts), default=0)
    if next_root is not None:
        read_up_to = 0 if thread.is_gathering else min(read_up_to, next_root.pk - 1)
    return {
        "thread": thread,
        "space": thread.space,
        "cohort": cohort,
        "enrollment": enrollment,
        "page_obj": page,
        "items": list(items.values()),
        "passage_urls": _passage_urls(all_posts),
        "moves": moves,
        "can_moderate": moderator,
        "can_post": access.can_post(user, thread.space) and thread.accepts_replies,
        "waiting_for_own_post": waiting_for_own_post,
        "others_count": others,
        "read_up_to": read_up_to,
        "reaction_kinds": Reaction.Kind.choices,
        "reading": _gathering_reading(thread),
        "subscription": subscription_state(user=user, thread=thread),
        "last_post_id": Post.objects.filter(thread=thread)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "subscription_levels": ThreadSubscription.Level.choices,
    }


def post_fragment(*, user: AnyUser, post: Post) -> dict | None:
    """What the thread page shows of one contribution, for live updates; None when the reader may not
    see it there yet ("post first, then see others"). A fixed number of queries."""
    thread = post.thread
    cohort = thread.cohort
    enrollment = course_access.enrollment_in(user, cohort)
    if (
        access.must_post_first(user, thread, enrollment)
        and post.author_id != user.pk
        and not Post.objects.filter(thread=thread, author=user, deleted=False).exists()
    ):
        return None
    post = thread_posts_queryset(thread).get(pk=post.pk)
    reactions = _reaction_summaries([post.pk], user)
    return {
        "item": _item(post, reactions, user),
        "thread": thread,
        "cohort": cohort,
        "passage_urls": _passage_urls([post]),
        "can_moderate": access.can_moderate(user, cohort),
        "can_post": access.can_post(user, thread.space) and thread.accepts_replies,
        "page_obj": {"number": thread_post_locator(thread=thread, post=post)},
    }


def _gathering_reading(thread: Thread) -> list[tuple[int, str, str]]:
    """(number, paragraph id, text) of the reading a gathering thread is about."""
    if not (thread.is_gathering and thread.lesson and thread.reading_id):
        return []
    found = services.reading_paragraphs(thread.lesson, thread.reading_id)
    if found is None:
        return []
    return [(n, pid, text) for n, (pid, text) in enumerate(found[1], start=1)]


def _ordered(roots: QuerySet[Post], thread: Thread) -> QuerySet[Post]:
    if thread.is_gathering:
        return roots.order_by(F("passage_position").asc(nulls_first=True), "created_at", "pk")
    return roots.order_by("created_at", "pk")


def thread_post_locator(*, thread: Thread, post: Post) -> int:
    """The page of a thread a post appears on (with its top-level post). One query."""
    root_id = post.root_id or post.pk
    ids = list(
        _ordered(Post.objects.filter(thread=thread, root__isnull=True), thread).values_list("pk", flat=True)
    )
    return ids.index(root_id) // POSTS_PER_PAGE + 1 if root_id in ids else 1


def first_unread_post(*, user: AnyUser, thread: Thread) -> Post | None:
    if not user.is_authenticated:
        return None
    mark = (
        ThreadReadState.objects.filter(user=user, thread=thread)
        .values_list("last_read_post_id", flat=True)
        .first()
        or 0
    )
    return (
        Post.objects.filter(thread=thread, pk__gt=mark, deleted=False, hidden=False)
        .exclude(author=user)
        .order_by("pk")
        .first()
    )


# --- subscriptions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionState:
    level: str  # the effective level: watching, normal or muted
    chosen: str = ""  # the level stored for this thread, "" when none
    space_watched: bool = False  # the member watches the whole space


def subscription_state(*, user: AnyUser, thread: Thread) -> SubscriptionState:
    """How closely ``user`` follows ``thread``, and why. Two queries at most."""
    if not user.is_authenticated:
        return SubscriptionState(level=ThreadSubscription.Level.NORMAL)
    chosen = (
        ThreadSubscription.objects.filter(user=user, thread=thread).values_list("level", flat=True).first()
        or ""
    )
    space_watched = SpaceSubscription.objects.filter(user=user, space_id=thread.space_id).exists()
    level = chosen or (
        ThreadSubscription.Level.WATCHING if space_watched else ThreadSubscription.Level.NORMAL
    )
    return SubscriptionState(level=level, chosen=chosen, space_watched=space_watched)


# --- discussion prompts inside a lesson ---------------------------------------------------------------


@dataclass
class PromptDiscussion:
    thread: Thread
    latest: list[Post]
    waiting_for_own_post: bool = False
    can_post: bool = False
    total: int = 0


def lesson_discussions(
    *, user: AnyUser, lesson: LessonPage, cohort: Cohort | None
) -> dict[str, PromptDiscussion]:
    """The thread of each discussion prompt of a lesson for a cohort, with its latest contributions.

    A fixed number of queries, whatever the number of prompts, posts and members. Only reads: the
    threads are opened by ``services.lesson_threads_ensure_for_course`` when the lesson is published
    or its module opens; a prompt whose thread is not open yet is left out (the page shows the
    prompt alone).
    """
    if cohort is None or not course_access.can_view_cohort(user, cohort):
        return {}
    prompt_ids = [block.id for block in lesson.body if block.block_type == "discussion_prompt"]
    if not prompt_ids:
        return {}
    threads = {
        thread.prompt_id: thread
        for thread in Thread.objects.filter(cohort=cohort, lesson=lesson, prompt_id__in=prompt_ids)
        .select_related("space")
        .order_by("pk")
    }
    if not threads:
        return {}
    space = next(iter(threads.values())).space
    space.cohort = cohort
    enrollment = course_access.enrollment_in(user, cohort)
    may_post = access.can_post(user, space)
    thread_ids = [t.pk for t in threads.values()]
    posted = set(
        Post.objects.filter(thread_id__in=thread_ids, author=user, deleted=False).values_list(
            "thread_id", flat=True
        )
        if user.is_authenticated
        else []
    )
    latest_rows = (
        Post.objects.filter(thread_id__in=thread_ids, deleted=False, hidden=False)
        .select_related("author", "move")
        .annotate(
            row=Window(
                RowNumber(), partition_by=[F("thread_id")], order_by=[F("created_at").desc(), F("pk").desc()]
            )
        )
        .filter(row__lte=LESSON_LATEST)
        .order_by("thread_id", "created_at", "pk")
    )
    latest: dict[int, list[Post]] = defaultdict(list)
    for post in latest_rows:
        latest[post.thread_id].append(post)
    result = {}
    for prompt_id, thread in threads.items():
        thread.cohort = cohort
        thread.space = space
        waiting = access.must_post_first(user, thread, enrollment) and thread.pk not in posted
        result[prompt_id] = PromptDiscussion(
            thread=thread,
            latest=[] if waiting else latest[thread.pk],
            waiting_for_own_post=waiting,
            can_post=may_post and thread.accepts_replies,
            total=thread.post_count,
        )
    return result


# --- voices (facilitators only) ----------------------------------------------------------------------


@dataclass
class Voice:
    enrollment: Enrollment
    posts: int = 0
    replies_received: int = 0


def voices(*, cohort: Cohort, space: Space | None = None) -> dict:
    """Contributions per participant (every one listed, zeros included), the silent, the unanswered, Gini.

    Figures are over the cohort's participants (or a group's, for a group space): facilitators invite
    voices in and are not counted. For facilitators only; never shown to participants.
    """
    members = Enrollment.objects.filter(cohort=cohort, role=Enrollment.Role.PARTICIPANT).select_related(
        "user", "group"
    )
    if space is not None and space.is_group:
        members = members.filter(group_id=space.group_id)
    members = list(members.order_by("user__first_name", "user__last_name", "user__username"))
    posts = Post.objects.filter(thread__cohort=cohort, deleted=False, hidden=False)
    if space is not None:
        posts = posts.filter(thread__space=space)
    counts = dict(posts.order_by().values("author_id").annotate(n=Count("pk")).values_list("author_id", "n"))
    rows = [Voice(enrollment=m, posts=counts.get(m.user_id, 0)) for m in members]
    answered_by_other = Post.objects.filter(reply_to=OuterRef("pk"), deleted=False).exclude(
        author=OuterRef("author")
    )
    unanswered = list(
        posts.filter(~Exists(answered_by_other), root__isnull=True, thread__hidden=False)
        .select_related("author", "thread")
        .order_by("created_at", "pk")[:50]
    )
    values = [r.posts for r in rows]
    return {
        "cohort": cohort,
        "space": space,
        "rows": sorted(rows, key=lambda r: (r.posts, display_name(r.enrollment.user).lower())),
        "silent": [r for r in rows if r.posts == 0],
        "unanswered": unanswered,
        "total_posts": sum(values),
        "gini": gini(values),
        "member_count": len(rows),
    }


# --- notifications --------------------------------------------------------------------------------------

NOTIFICATIONS_PER_PAGE = 30


def notification_page(*, user: AnyUser, page_number: int | str | None = 1) -> dict:
    """One page of a member's notifications, newest first, about threads they may still read.

    A fixed number of queries (count, page) whatever the number of notifications.
    """
    rows = (
        Notification.objects.filter(recipient=user)
        .filter(access.readable_threads_q(user, prefix="thread__"))
        .select_related("thread", "actor", "post")
        .order_by("-created_at", "-pk")
    )
    page: PaginatorPage = Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(page_number)
    items = list(page.object_list)
    return {
        "page_obj": page,
        "notifications": items,
        "has_unread": any(n.read_at is None for n in items),
    }


# --- mention autocomplete -----------------------------------------------------------------------------

MENTION_SUGGESTIONS = 8


def mention_candidates(*, user: AnyUser, cohort: Cohort, space: Space | None, query: str) -> list[dict]:
    """Members ``user`` may mention where they write, matching ``query`` (username or name). One query.

    The same people ``services._resolve_mentions`` accepts: the cohort's members, or for a small
    group's space its members and the cohort's facilitators.
    """
    field = get_user_model().USERNAME_FIELD
    query = (query or "").strip().lstrip("@")[:50]
    members = Enrollment.objects.filter(cohort=cohort).exclude(user=user).select_related("user")
    if space is not None and space.is_group:
        members = members.filter(course_access.group_audience_q(space.group_id))
    if query:
        members = members.filter(
            Q(**{f"user__{field}__istartswith": query})
            | Q(user__first_name__istartswith=query)
            | Q(user__last_name__istartswith=query)
        )
    rows = members.order_by(f"user__{field}")[:MENTION_SUGGESTIONS]
    return [{"username": getattr(e.user, field), "name": display_name(e.user)} for e in rows]


@dataclass
class ReadingActivity:
    """For one reading of a lesson, in one cohort: contributions per paragraph, and where to add one."""

    counts: dict[str, int]
    first_post: dict[str, int]
    thread: Thread | None


def reading_activity(*, cohort, lesson, block_id: str) -> ReadingActivity:
    """Two queries whatever the number of posts: the cohort-wide space's posts citing this reading,
    and its pedagogical-gathering conversation about it: the one a facilitator opened, if any, else
    the one the site opened with the lesson (None until it is opened)."""
    counts: dict[str, int] = {}
    first_post: dict[str, int] = {}
    cited = (
        Post.objects.filter(
            thread__cohort=cohort,
            thread__space__kind=Space.Kind.COHORT,
            thread__hidden=False,
            passage_lesson=lesson,
            passage_block_id=block_id,
            deleted=False,
            hidden=False,
        )
        .order_by("created_at", "pk")
        .values_list("pk", "passage_paragraph_ids")
    )
    for post_id, paragraph_ids in cited:
        for paragraph_id in paragraph_ids:
            counts[paragraph_id] = counts.get(paragraph_id, 0) + 1
            first_post.setdefault(paragraph_id, post_id)
    thread = (
        Thread.objects.filter(
            cohort=cohort, space__kind=Space.Kind.COHORT, lesson=lesson, reading_id=block_id, hidden=False
        )
        .order_by(Case(When(author__isnull=True, then=1), default=0), "pk")
        .first()
    )
    return ReadingActivity(counts=counts, first_post=first_post, thread=thread)
