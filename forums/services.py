"""Services that change forum data (HackSoft style: keyword-only, atomic, idempotent where it matters).

Errors a person can fix (empty text, locked thread, unknown mention…) are ``ValidationError`` with a
clear, translated message; attempts to act outside one's rights are ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses import access as course_access
from courses.models import Cohort, CoursePage, Enrollment, LessonPage
from courses.selectors import course_outline
from courses.services import touch_activity
from forums import access, notifications, realtime
from forums.models import (
    BODY_MAX_CHARS,
    HIDE_REASON_MAX_CHARS,
    QUOTE_MAX_CHARS,
    TITLE_MAX_CHARS,
    DialogicMove,
    Post,
    PostRevision,
    Reaction,
    Space,
    SpaceSubscription,
    Thread,
    ThreadReadState,
    ThreadSubscription,
)
from lms.markdown import find_mentions, render_markdown
from lms.text import clean_text, normalise_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

# (code, label) of the moves every course starts with; labels are translated into the course language.
DEFAULT_MOVES = [
    ("experience", gettext_noop("Shares an experience")),
    ("question", gettext_noop("Asks a question")),
    ("builds", gettext_noop("Builds on an idea")),
    ("disagrees", gettext_noop("Respectfully disagrees")),
    ("reading", gettext_noop("Connects to the reading")),
    ("action", gettext_noop("Proposes an action")),
]


# --- spaces, moves and prompt threads -------------------------------------------------------------


def moves_ensure_for_course(*, course: CoursePage) -> list[DialogicMove]:
    """Give a course the default dialogic moves once; facilitators edit them in the admin afterwards."""
    existing = list(DialogicMove.objects.filter(course=course))
    if existing:
        return [m for m in existing if m.active]
    with translation.override(course.language or settings.LANGUAGE_CODE), transaction.atomic():
        for order, (code, label) in enumerate(DEFAULT_MOVES):
            DialogicMove.objects.get_or_create(
                course=course, code=code, defaults={"label": _(label), "sort_order": order}
            )
    return list(DialogicMove.objects.filter(course=course, active=True))


def space_ensure_for_cohort(*, cohort: Cohort) -> Space:
    """The cohort-wide space and one private space per small group. Idempotent; returns the cohort space."""
    spaces = {(s.kind, s.group_id): s for s in Space.objects.filter(cohort=cohort)}
    groups = list(cohort.groups.all())
    cohort_space = spaces.get((Space.Kind.COHORT, None))
    if cohort_space is not None and all((Space.Kind.GROUP, g.pk) in spaces for g in groups):
        return cohort_space
    course = cohort.course
    with translation.override(course.language or settings.LANGUAGE_CODE), transaction.atomic():
        if cohort_space is None:
            cohort_space, _created = Space.objects.get_or_create(
                cohort=cohort,
                kind=Space.Kind.COHORT,
                defaults={"title": _("Cohort conversations")},
            )
        for group in groups:
            if (Space.Kind.GROUP, group.pk) not in spaces:
                Space.objects.get_or_create(
                    group=group,
                    defaults={
                        "cohort": cohort,
                        "kind": Space.Kind.GROUP,
                        "title": _("Group: %(name)s") % {"name": group.name},
                    },
                )
        moves_ensure_for_course(course=course)
    return cohort_space


def discussion_threads_ensure(*, cohort: Cohort, lesson: LessonPage) -> dict[str, Thread]:
    """The thread of each discussion prompt of a lesson in a cohort, opened if missing.

    Two queries once they exist, whatever the lesson's size; returned by prompt (block) id.
    Called by ``lesson_threads_ensure`` (and the demo), never while a page is read.
    """
    prompts = {block.id: block.value for block in lesson.body if block.block_type == "discussion_prompt"}
    if not prompts:
        return {}
    threads = {
        t.prompt_id: t
        for t in Thread.objects.filter(
            cohort=cohort, lesson=lesson, prompt_id__in=list(prompts)
        ).select_related("space")
    }
    missing = [pid for pid in prompts if pid not in threads]
    if not missing:
        return threads
    space = space_ensure_for_cohort(cohort=cohort)
    for prompt_id in missing:
        value = prompts[prompt_id]
        text = str(value["prompt"]).strip()
        try:
            with transaction.atomic():
                thread = Thread.objects.create(
                    space=space,
                    cohort=cohort,
                    title=Truncator(f"{lesson.title}: {text}").chars(TITLE_MAX_CHARS),
                    lesson=lesson,
                    prompt_id=prompt_id,
                    prompt_text=text,
                    post_first=bool(value.get("post_first")),
                )
        except IntegrityError:  # opened at the same moment by someone else
            thread = Thread.objects.select_related("space").get(
                cohort=cohort, lesson=lesson, prompt_id=prompt_id
            )
        threads[prompt_id] = thread
    return threads


def reading_thread_ensure(*, cohort: Cohort, lesson: LessonPage, block_id: str) -> Thread | None:
    """The cohort's pedagogical-gathering conversation about one reading of a lesson, opened if
    missing (like discussion prompts), so that anyone can say why they chose a passage.

    One query once it exists. A facilitator's own gathering thread on the reading counts too.
    Called by ``lesson_threads_ensure``, never while a page is read.
    """
    found = reading_paragraphs(lesson, block_id)
    if found is None:
        return None
    existing = (
        Thread.objects.filter(
            cohort=cohort, space__kind=Space.Kind.COHORT, lesson=lesson, reading_id=block_id
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    block_index, _paragraphs = found
    title = str(lesson.body[block_index].value["title"])
    with transaction.atomic():
        space = space_ensure_for_cohort(cohort=cohort)
        Space.objects.select_for_update().filter(pk=space.pk).first()  # one opener at a time
        existing = (
            Thread.objects.filter(cohort=cohort, lesson=lesson, reading_id=block_id).order_by("pk").first()
        )
        if existing is not None:
            return existing
        with translation.override(cohort.course.language):
            thread_title = Truncator(_("Reading: %(title)s") % {"title": title}).chars(TITLE_MAX_CHARS)
        return Thread.objects.create(
            space=space,
            cohort=cohort,
            title=thread_title,
            lesson=lesson,
            reading_id=block_id,
            mode=Thread.Mode.GATHERING,
        )


def lesson_threads_ensure(*, cohort: Cohort, lesson: LessonPage) -> list[Thread]:
    """Every conversation a lesson opens in a cohort: one per discussion prompt and one per reading
    (the cohort's pedagogical gathering on it). Idempotent."""
    threads = list(discussion_threads_ensure(cohort=cohort, lesson=lesson).values())
    for block in lesson.body:
        if block.block_type == "reading":
            thread = reading_thread_ensure(cohort=cohort, lesson=lesson, block_id=block.id)
            if thread is not None:
                threads.append(thread)
    return threads


def _lesson_conversations(lesson: LessonPage) -> set[tuple[str, str]]:
    """("prompt" | "reading", block id) of each conversation a lesson opens."""
    kinds = {"discussion_prompt": "prompt", "reading": "reading"}
    return {(kinds[block.block_type], block.id) for block in lesson.body if block.block_type in kinds}


def _opened_conversations(cohort: Cohort, lesson_ids: list[int]) -> set[tuple[int, str, str]]:
    """(lesson id, kind, block id) of the lesson conversations a cohort already has: one query."""
    opened = set()
    rows = Thread.objects.filter(cohort=cohort, lesson_id__in=lesson_ids).values_list(
        "lesson_id", "prompt_id", "reading_id", "space__kind"
    )
    for lesson_id, prompt_id, reading_id, space_kind in rows:
        if prompt_id:
            opened.add((lesson_id, "prompt", prompt_id))
        elif reading_id and space_kind == Space.Kind.COHORT:
            opened.add((lesson_id, "reading", reading_id))
    return opened


def lesson_threads_ensure_for_course(
    *,
    course: CoursePage,
    cohorts: Iterable[Cohort] | None = None,
    lessons: Iterable[LessonPage] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Open, in each cohort of ``course`` (or in ``cohorts``), the conversations of the published
    lessons (or of ``lessons`` only) whose module is released for that cohort by ``now``.

    A module opens for a cohort at a date, so this runs when a lesson or module is published, when
    a cohort is saved, and from ``manage.py ensure_lesson_threads`` on a schedule. Idempotent, and
    cheap when nothing is missing: the course's outline and lessons are read once, then one query
    per cohort. Returns how many conversations it opened.
    """
    cohorts = list(Cohort.objects.filter(course=course) if cohorts is None else cohorts)
    if not cohorts:
        return 0
    now = now or timezone.now()
    wanted = None if lessons is None else {lesson.pk for lesson in lessons}
    outline = [
        (item.module, [lesson.pk for lesson in item.lessons if wanted is None or lesson.pk in wanted])
        for item in course_outline(course)
    ]
    ids = [pk for _module, lesson_ids in outline for pk in lesson_ids]
    if not ids:
        return 0
    bodies = {lesson.pk: lesson for lesson in LessonPage.objects.filter(pk__in=ids)}
    conversations = {pk: _lesson_conversations(lesson) for pk, lesson in bodies.items()}
    opened = 0
    for cohort in cohorts:
        released = [
            pk
            for module, lesson_ids in outline
            if course_access.module_is_released(module, cohort, now)
            for pk in lesson_ids
            if conversations.get(pk)
        ]
        if not released:
            continue
        have = _opened_conversations(cohort, released)
        for pk in released:
            missing = {(pk, kind, block_id) for kind, block_id in conversations[pk]} - have
            if missing:
                lesson_threads_ensure(cohort=cohort, lesson=bodies[pk])
                opened += len(missing)
    return opened


def cohort_forum_ensure(*, cohort: Cohort, now: dt.datetime | None = None) -> int:
    """A cohort's spaces (cohort-wide, one per small group) and the conversations of the lessons
    released to it so far. Idempotent; returns how many conversations it opened."""
    space_ensure_for_cohort(cohort=cohort)
    return lesson_threads_ensure_for_course(course=cohort.course, cohorts=[cohort], now=now)


def released_lesson_threads_ensure(
    *,
    cohort_ids: Iterable[int] | None = None,
    include_ended: bool = False,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """What the scheduler runs (``manage.py ensure_lesson_threads``): in every cohort that has not
    ended (or every cohort, or those given), its spaces and the conversations of the modules released
    by ``now``. Idempotent; two runs at once open each conversation once. Returns the counts."""
    now = now or timezone.now()
    cohorts = Cohort.objects.filter(course__live=True).select_related("course").order_by("course_id", "pk")
    if cohort_ids is not None:
        cohorts = cohorts.filter(pk__in=list(cohort_ids))
    elif not include_ended:
        cohorts = cohorts.filter(ends_on__gte=(now - dt.timedelta(days=1)).date())
    by_course: dict[int, list[Cohort]] = {}
    for cohort in cohorts:
        by_course.setdefault(cohort.course_id, []).append(cohort)
    opened = 0
    for course_cohorts in by_course.values():
        for cohort in course_cohorts:
            space_ensure_for_cohort(cohort=cohort)
        opened += lesson_threads_ensure_for_course(
            course=course_cohorts[0].course, cohorts=course_cohorts, now=now
        )
    return {"cohorts": sum(len(c) for c in by_course.values()), "opened": opened}


# --- input checks -----------------------------------------------------------------------------------


def _clean_body(body: str) -> str:
    return clean_text(body, max_chars=BODY_MAX_CHARS)


def _clean_title(title: str) -> str:
    return clean_text(
        title,
        max_chars=TITLE_MAX_CHARS,
        single_line=True,
        empty_message=_("Give the conversation a title."),
        too_long_message=_("The title is too long (at most %(max)d characters)."),
        empty_code="empty_title",
        too_long_code="title_too_long",
    )


def _clean_quote(quote: str) -> str:
    return clean_text(
        quote,
        max_chars=QUOTE_MAX_CHARS,
        required=False,
        too_long_message=_("The quote is too long (at most %(max)d characters)."),
        too_long_code="quote_too_long",
    )


def _resolve_mentions(text: str, space: Space) -> list:
    """The people mentioned in ``text``; every one must be a member who can read the space."""
    names = find_mentions(text)
    if not names:
        return []
    field = get_user_model().USERNAME_FIELD
    members = Enrollment.objects.filter(cohort_id=space.cohort_id).select_related("user")
    if space.is_group:  # a group's members and the cohort's facilitators
        members = members.filter(course_access.group_audience_q(space.group_id))
    wanted = Q(pk__in=[])
    for name in names:
        wanted |= Q(**{f"user__{field}__iexact": name})
    by_name = {getattr(e.user, field).lower(): e.user for e in members.filter(wanted)}
    unknown = [n for n in names if n.lower() not in by_name]
    if unknown:
        raise ValidationError(
            _("You can only mention members of this space. Not found: %(names)s.")
            % {"names": ", ".join("@" + n for n in unknown)},
            code="bad_mention",
        )
    return list({u.pk: u for u in by_name.values()}.values())


@dataclass(frozen=True)
class PassageChoice:
    """What the person chose: a reading block of a lesson and one paragraph or a range."""

    lesson: LessonPage
    block_id: str
    first_paragraph_id: str
    last_paragraph_id: str = ""


@dataclass(frozen=True)
class _Passage:
    lesson: LessonPage
    block_id: str
    paragraph_ids: list[str]
    text: str
    position: int


def reading_paragraphs(lesson: LessonPage, block_id: str) -> tuple[int, list[tuple[str, str]]] | None:
    """(block index, [(paragraph id, text)…]) of a reading block of a lesson, or None."""
    for block_index, block in enumerate(lesson.body):
        if block.block_type == "reading" and block.id == block_id:
            return block_index, [(p.id, str(p.value)) for p in block.value["paragraphs"].bound_blocks]
    return None


def _lesson_in_course(lesson: LessonPage, course: CoursePage) -> bool:
    return lesson.path.startswith(course.path) and lesson.depth == course.depth + 2


def _resolve_passage(choice: PassageChoice, thread: Thread) -> _Passage:
    bad = ValidationError(_("That passage is not part of this course's readings."), code="bad_passage")
    if not _lesson_in_course(choice.lesson, thread.cohort.course):
        raise bad
    if (
        thread.is_gathering
        and thread.lesson_id
        and (
            choice.lesson.pk != thread.lesson_id
            or (thread.reading_id and choice.block_id != thread.reading_id)
        )
    ):
        raise ValidationError(_("Choose a passage of this gathering's reading."), code="bad_passage")
    found = reading_paragraphs(choice.lesson, choice.block_id)
    if found is None:
        raise bad
    block_index, paragraphs = found
    ids = [pid for pid, _text in paragraphs]
    if choice.first_paragraph_id not in ids:
        raise bad
    first = ids.index(choice.first_paragraph_id)
    last = first
    if choice.last_paragraph_id:
        if choice.last_paragraph_id not in ids:
            raise bad
        last = ids.index(choice.last_paragraph_id)
    if last < first:
        first, last = last, first
    if last - first > 4:
        raise ValidationError(_("Choose at most five paragraphs."), code="passage_too_long")
    chosen = paragraphs[first : last + 1]
    return _Passage(
        lesson=choice.lesson,
        block_id=choice.block_id,
        paragraph_ids=[pid for pid, _text in chosen],
        text="\n\n".join(text for _pid, text in chosen),
        # Blocks and paragraphs in reading order: sorts a gathering thread as the text goes.
        position=block_index * 10_000 + first,
    )


def _clean_move(move: DialogicMove | int | None, thread: Thread) -> DialogicMove | None:
    if move in (None, "", 0):
        return None
    move_id = move.pk if isinstance(move, DialogicMove) else move
    found = DialogicMove.objects.filter(pk=move_id, course_id=thread.cohort.course_id, active=True).first()
    if found is None:
        raise ValidationError(_("Choose one of the dialogic moves offered in this course."), code="bad_move")
    return found


def check_rate_limit(*, user: AbstractUser) -> None:
    """At most FORUMS_RATE_LIMIT = (posts, seconds) per member; a friendly refusal beyond it."""
    limit, seconds = getattr(settings, "FORUMS_RATE_LIMIT", (8, 60))
    if not limit:
        return
    key = f"forums:rate:{user.pk}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    if count > limit:
        raise ValidationError(
            _("You are writing very fast. Take a breath and try again in a minute: your text is kept below."),
            code="rate_limited",
        )


def _existing_post(user: AbstractUser, client_token: uuid.UUID | None) -> Post | None:
    if client_token is None:
        return None
    return Post.objects.select_related("thread").filter(author=user, client_token=client_token).first()


def _writable_thread(user: AbstractUser, thread: Thread) -> None:
    if not access.can_post(user, thread.space):
        raise PermissionDenied
    if thread.hidden:
        raise ValidationError(_("This conversation was hidden by the facilitators."), code="hidden")
    if thread.locked:
        raise ValidationError(_("This conversation is locked: it takes no new contributions."), code="locked")
    if thread.closed:
        raise ValidationError(_("This conversation is closed."), code="closed")


# --- threads and posts ------------------------------------------------------------------------------


def thread_create(
    *,
    user: AbstractUser,
    space: Space,
    title: str,
    body: str,
    move: DialogicMove | int | None = None,
    mode: str = Thread.Mode.NORMAL,
    lesson: LessonPage | None = None,
    reading_id: str = "",
    passage: PassageChoice | None = None,
    client_token: uuid.UUID | None = None,
    enforce_rate_limit: bool = True,
) -> Thread:
    """Open a conversation in a space with its first contribution."""
    if not access.can_post(user, space):
        raise PermissionDenied
    if (previous := _existing_post(user, client_token)) is not None:
        return previous.thread
    clean_title = _clean_title(title)
    if mode not in Thread.Mode.values:
        raise ValidationError(_("Unknown conversation mode."), code="bad_mode")
    if mode == Thread.Mode.GATHERING:
        if not access.can_moderate(user, space.cohort):
            raise ValidationError(
                _("Only facilitators open pedagogical gatherings."), code="gathering_facilitators_only"
            )
        if (
            lesson is None
            or not _lesson_in_course(lesson, space.cohort.course)
            or reading_paragraphs(lesson, reading_id) is None
        ):
            raise ValidationError(
                _("A pedagogical gathering needs a reading of the course."), code="no_reading"
            )
    _clean_body(body)
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            cohort=space.cohort,
            title=clean_title,
            author=user,
            mode=mode,
            lesson=lesson if mode == Thread.Mode.GATHERING else None,
            reading_id=reading_id if mode == Thread.Mode.GATHERING else "",
        )
        thread.space = space
        post_publish(
            user=user,
            thread=thread,
            body=body,
            move=move,
            passage=passage,
            client_token=client_token,
            enforce_rate_limit=enforce_rate_limit,
        )
    return thread


def post_publish(
    *,
    user: AbstractUser,
    thread: Thread,
    body: str,
    reply_to: Post | None = None,
    quote_text: str = "",
    move: DialogicMove | int | None = None,
    passage: PassageChoice | None = None,
    client_token: uuid.UUID | None = None,
    enforce_rate_limit: bool = True,
) -> Post:
    """Add a contribution to a thread. Sending the same form twice (same client token) stores one post."""
    _writable_thread(user, thread)
    if (previous := _existing_post(user, client_token)) is not None:
        return previous
    text = _clean_body(body)
    quote = _clean_quote(quote_text)
    if reply_to is not None:
        if reply_to.thread_id != thread.pk:
            raise ValidationError(
                _("You can only reply to a contribution of this conversation."), code="bad_reply"
            )
        if not reply_to.is_visible:
            raise ValidationError(_("That contribution is no longer available."), code="reply_gone")
    elif quote:
        raise ValidationError(_("A quote needs the contribution it comes from."), code="quote_without_reply")
    clean_move = _clean_move(move, thread)
    resolved = _resolve_passage(passage, thread) if passage is not None else None
    # Only the opener of a gathering (its author's first post) may go without a passage; the
    # conversations opened by the site for a reading have no opener.
    opening = thread.author_id is not None and not Post.objects.filter(thread=thread).exists()
    if thread.is_gathering and resolved is None and not opening:
        raise ValidationError(
            _("In a pedagogical gathering every contribution cites a passage of the reading."),
            code="passage_required",
        )
    mentioned = _resolve_mentions(text, thread.space)
    if enforce_rate_limit:
        check_rate_limit(user=user)
    html = render_markdown(text, mentions=[getattr(u, u.USERNAME_FIELD) for u in mentioned])
    now = timezone.now()
    try:
        with transaction.atomic():
            post = Post.objects.create(
                thread=thread,
                author=user,
                body_markdown=text,
                body_html=html,
                reply_to=reply_to,
                root_id=(reply_to.root_id or reply_to.pk) if reply_to else None,
                quote_text=quote,
                move=clean_move,
                passage_lesson=resolved.lesson if resolved else None,
                passage_block_id=resolved.block_id if resolved else "",
                passage_paragraph_ids=resolved.paragraph_ids if resolved else [],
                passage_text=resolved.text if resolved else "",
                passage_position=resolved.position if resolved else None,
                client_token=client_token,
            )
            if mentioned:
                post.mentions.set([u for u in mentioned if u.pk != user.pk])
            Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_activity_at=now)
            thread.post_count += 1
            thread.last_activity_at = now
            _mark_read(user=user, thread=thread, post_id=post.pk)
            notifications.notify_post_published(
                post=post, mentioned=[u for u in mentioned if u.pk != user.pk], reply_to=reply_to
            )
            _auto_watch(user=user, thread=thread)
            realtime.announce_post_on_commit(post)
            enrollment = course_access.enrollment_in(user, thread.cohort_id)
            if enrollment is not None:
                touch_activity(enrollment)
    except IntegrityError:
        if (previous := _existing_post(user, client_token)) is not None:
            return previous
        raise
    return post


def post_edit(*, user: AbstractUser, post: Post, body: str, move: DialogicMove | int | None = None) -> Post:
    """The author changes their text; the previous text is kept as a revision for the facilitators."""
    if not access.can_view_thread(user, post.thread) or not access.can_edit_post(user, post):
        raise PermissionDenied
    thread = post.thread
    if thread.locked or thread.closed:
        raise ValidationError(_("This conversation no longer takes changes."), code="locked")
    text = _clean_body(body)
    clean_move = _clean_move(move, thread)
    mentioned = _resolve_mentions(text, thread.space)
    if text == post.body_markdown and (clean_move and clean_move.pk) == post.move_id:
        return post
    already = set(post.mentions.values_list("pk", flat=True))
    with transaction.atomic():
        PostRevision.objects.create(post=post, body_markdown=post.body_markdown, edited_by=user)
        post.body_markdown = text
        post.body_html = render_markdown(text, mentions=[getattr(u, u.USERNAME_FIELD) for u in mentioned])
        post.move = clean_move
        post.edited_at = timezone.now()
        post.save(update_fields=["body_markdown", "body_html", "move", "edited_at"])
        post.mentions.set([u for u in mentioned if u.pk != user.pk])
        notifications.notify_mentions_added(
            post=post, mentioned=[u for u in mentioned if u.pk != user.pk and u.pk not in already]
        )
    return post


def post_delete(*, user: AbstractUser, post: Post) -> Post:
    """The author withdraws a contribution: it keeps its place ("aporte retirado") without its text.

    The last text is kept as a revision, visible to the facilitators only.
    """
    if not access.can_view_thread(user, post.thread) or not access.can_delete_post(user, post):
        raise PermissionDenied
    with transaction.atomic():
        PostRevision.objects.create(post=post, body_markdown=post.body_markdown, edited_by=user)
        post.deleted = True
        post.deleted_at = timezone.now()
        post.body_markdown = ""
        post.body_html = ""
        post.quote_text = ""
        post.save(update_fields=["deleted", "deleted_at", "body_markdown", "body_html", "quote_text"])
        post.mentions.clear()
        Reaction.objects.filter(post=post).delete()
    return post


def post_hide(*, user: AbstractUser, post: Post, reason: str) -> Post:
    """A facilitator hides a contribution; its author sees it with the reason."""
    if not access.can_moderate(user, post.thread.cohort):
        raise PermissionDenied
    text = normalise_text(reason, single_line=True)
    if not text:
        raise ValidationError(_("Tell the author why the contribution is hidden."), code="reason_required")
    if len(text) > HIDE_REASON_MAX_CHARS:
        raise ValidationError(
            _("The reason is too long (at most %(max)d characters).") % {"max": HIDE_REASON_MAX_CHARS},
            code="reason_too_long",
        )
    with transaction.atomic():
        post.hidden, post.hidden_reason, post.hidden_by = True, text, user
        post.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
        notifications.notify_moderation(post=post, moderator=user)
    return post


def post_unhide(*, user: AbstractUser, post: Post) -> Post:
    if not access.can_moderate(user, post.thread.cohort):
        raise PermissionDenied
    post.hidden, post.hidden_reason, post.hidden_by = False, "", None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    return post


# --- moderation of threads ---------------------------------------------------------------------------

THREAD_FLAGS = {
    "pin": ("pinned", True),
    "unpin": ("pinned", False),
    "lock": ("locked", True),
    "unlock": ("locked", False),
    "hide": ("hidden", True),
    "unhide": ("hidden", False),
    "close": ("closed", True),
    "reopen": ("closed", False),
}


def thread_set_flag(*, user: AbstractUser, thread: Thread, action: str) -> Thread:
    """pin/unpin, lock/unlock, hide/unhide, close/reopen: facilitators of the cohort and staff."""
    if not access.can_moderate(user, thread.cohort):
        raise PermissionDenied
    if action not in THREAD_FLAGS:
        raise ValidationError(_("Unknown moderation action."), code="bad_action")
    field, value = THREAD_FLAGS[action]
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    return thread


def thread_pin(*, user: AbstractUser, thread: Thread, pinned: bool = True) -> Thread:
    return thread_set_flag(user=user, thread=thread, action="pin" if pinned else "unpin")


def thread_lock(*, user: AbstractUser, thread: Thread, locked: bool = True) -> Thread:
    return thread_set_flag(user=user, thread=thread, action="lock" if locked else "unlock")


def thread_hide(*, user: AbstractUser, thread: Thread, hidden: bool = True) -> Thread:
    return thread_set_flag(user=user, thread=thread, action="hide" if hidden else "unhide")


def thread_close(*, user: AbstractUser, thread: Thread, closed: bool = True) -> Thread:
    return thread_set_flag(user=user, thread=thread, action="close" if closed else "reopen")


def thread_move(*, user: AbstractUser, thread: Thread, space: Space) -> Thread:
    """Move a thread to another space of the same cohort."""
    if not access.can_moderate(user, thread.cohort):
        raise PermissionDenied
    if space.cohort_id != thread.cohort_id:
        raise ValidationError(_("A conversation can only move within its cohort."), code="other_cohort")
    thread.space = space
    thread.save(update_fields=["space"])
    return thread


# --- reactions and reading -----------------------------------------------------------------------------


def reaction_toggle(*, user: AbstractUser, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. True when the reaction is now present."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."), code="bad_kind")
    if not access.can_view_thread(user, post.thread) or not access.can_post(user, post.thread.space):
        raise PermissionDenied
    if not post.is_visible:
        raise ValidationError(_("That contribution is no longer available."), code="gone")
    if post.author_id == user.pk:
        raise ValidationError(_("You cannot react to your own contribution."), code="own_post")
    with transaction.atomic():
        removed, _detail = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError:  # the same click arriving twice
            pass
    return True


def _mark_read(*, user: AbstractUser, thread: Thread, post_id: int) -> None:
    updated = ThreadReadState.objects.filter(user=user, thread=thread).update(
        last_read_post_id=Greatest(F("last_read_post_id"), post_id), updated_at=timezone.now()
    )
    if not updated:
        try:
            with transaction.atomic():
                ThreadReadState.objects.create(user=user, thread=thread, last_read_post_id=post_id)
        except IntegrityError:
            ThreadReadState.objects.filter(user=user, thread=thread).update(
                last_read_post_id=Greatest(F("last_read_post_id"), post_id)
            )


def thread_mark_read(*, user: AbstractUser, thread: Thread, post_id: int) -> None:
    """Remember that ``user`` has read ``thread`` up to ``post_id`` (never moves backwards)."""
    if user.is_authenticated and post_id:
        _mark_read(user=user, thread=thread, post_id=post_id)


READ_POSTS_MAX = 1000  # contributions whose notifications one "read" can clear (a page shows fewer)


def thread_read(
    *, user: AbstractUser, thread: Thread, up_to: int | None, post_ids: Iterable[int] = ()
) -> int:
    """The reader has seen a page of ``thread``: its read mark moves up to ``up_to`` (never backwards,
    never past the thread's last contribution) and the notifications about the contributions shown
    (``post_ids``) are read. Sent by the thread page (a small POST), never done by reading it.

    Returns how many notifications were marked read.
    """
    if not user.is_authenticated or not access.can_view_thread(user, thread):
        raise PermissionDenied
    last = Post.objects.filter(thread=thread).order_by("-pk").values_list("pk", flat=True).first() or 0
    shown = [pk for pk in post_ids if pk and 0 < pk <= last][:READ_POSTS_MAX]
    with transaction.atomic():
        if up_to and up_to > 0:
            _mark_read(user=user, thread=thread, post_id=min(up_to, last))
        return notifications.mark_read(user=user, thread=thread, post_ids=shown) if shown else 0


# --- subscriptions ---------------------------------------------------------------------------------------


def _auto_watch(*, user: AbstractUser, thread: Thread) -> None:
    """Starting or replying to a thread watches it, unless the member already chose a level."""
    if not ThreadSubscription.objects.filter(user=user, thread=thread).exists():
        try:
            with transaction.atomic():
                ThreadSubscription.objects.create(
                    user=user, thread=thread, level=ThreadSubscription.Level.WATCHING
                )
        except IntegrityError:  # chosen at the same moment in another request
            pass


def thread_subscribe(*, user: AbstractUser, thread: Thread, level: str) -> ThreadSubscription:
    """Set how closely ``user`` follows ``thread``: watching, normal or muted. Idempotent."""
    if not user.is_authenticated or not access.can_view_thread(user, thread):
        raise PermissionDenied
    if level not in ThreadSubscription.Level.values:
        raise ValidationError(_("Unknown notification level."), code="bad_level")
    subscription, _created = ThreadSubscription.objects.update_or_create(
        user=user, thread=thread, defaults={"level": level}
    )
    return subscription


def space_watch(*, user: AbstractUser, space: Space, watching: bool = True) -> bool:
    """A facilitator watches (or stops watching) every thread of a space. Returns the new state."""
    if not user.is_authenticated or not access.can_view_space(user, space):
        raise PermissionDenied
    if not access.can_moderate(user, space.cohort):
        raise PermissionDenied
    if watching:
        SpaceSubscription.objects.get_or_create(user=user, space=space)
    else:
        SpaceSubscription.objects.filter(user=user, space=space).delete()
    return watching
