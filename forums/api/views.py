"""API v1 for the forums: spaces, threads, contributions, reactions and notifications.

Views are thin: who may see what is decided by forums.access (a space, thread or post the caller may
not see is 404), what changes is done by forums.services, and reading goes through forums.selectors,
the same functions the forum pages call. Threads and contributions are paged as on the pages
(30 threads, 20 top-level contributions with all their replies); notifications too (30).
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import access as course_access
from courses.api import call_service
from forums import access, notifications, parsing, selectors, services
from forums.api.serializers import (
    NotificationPageSerializer,
    NotificationReadResultSerializer,
    NotificationReadSerializer,
    PageFilter,
    PostCreateSerializer,
    PostEditSerializer,
    PostPageSerializer,
    PostSerializer,
    ReactionSerializer,
    SpaceFilter,
    SpaceSerializer,
    ThreadCreateSerializer,
    ThreadDetailSerializer,
    ThreadFilter,
    ThreadPageSerializer,
    absolute,
    post_data,
    thread_row,
)
from forums.models import Post, Reaction, Thread
from lms.api.base import IDEMPOTENCY_PARAMETER, errors, idempotent
from lms.api.exceptions import ServiceError

# Service error codes → the request field they are about (the rest are non_field_errors).
POST_FIELDS = {
    "empty": "body",
    "too_long": "body",
    "bad_mention": "body",
    "empty_title": "title",
    "title_too_long": "title",
    "bad_mode": "mode",
    "gathering_facilitators_only": "mode",
    "no_reading": "reading_id",
    "bad_move": "move",
    "bad_reply": "reply_to",
    "reply_gone": "reply_to",
    "quote_too_long": "quote_text",
    "quote_without_reply": "quote_text",
    "bad_passage": "passage",
    "passage_too_long": "passage",
    "passage_required": "passage",
    "bad_kind": "kind",
}


def run(fn, **kwargs):
    """A forum service; its ValidationError is a 400 on the right field (429 when writing too fast)."""
    try:
        return call_service(fn, fields=POST_FIELDS, **kwargs)
    except ServiceError as error:
        if error.detail.code == "rate_limited":
            error.status_code = status.HTTP_429_TOO_MANY_REQUESTS
            error.fields = None
        raise


def page_links(request: Request, page) -> dict:
    """count / next / previous of a selector's page (Django Paginator), as the API's other lists."""

    def link(number: int | None):
        if number is None:
            return None
        query = request.query_params.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": page.paginator.count,
        "next": link(page.next_page_number() if page.has_next() else None),
        "previous": link(page.previous_page_number() if page.has_previous() else None),
    }


def page_number(request: Request) -> int:
    params = PageFilter(data={k: v for k, v in request.query_params.items() if k in ("page", "page_size")})
    params.is_valid(raise_exception=True)
    return params.validated_data["page"]


PAGE_PARAMETER = OpenApiParameter("page", int, description="Page number (1 by default).")


def one_post(request: Request, post: Post) -> dict:
    """One contribution as the thread page shows it; 404 while "post first" hides it from the caller."""
    fragment = selectors.post_fragment(user=request.user, post=post)
    if fragment is None:
        raise Http404
    return post_data(request, fragment["item"], moderator=fragment["can_moderate"])


def passage_choice(data: dict | None, thread: Thread | None) -> services.PassageChoice | None:
    """The chosen passage (PassageSerializer's fields), parsed as the forum form's."""
    if not data:
        return None
    return run(
        parsing.passage_choice,
        thread=thread,
        first_paragraph_id=data["first_paragraph_id"],
        last_paragraph_id=data.get("last_paragraph_id", ""),
        lesson_id=data.get("lesson"),
        block_id=data.get("block_id", ""),
    )


# --- spaces ---------------------------------------------------------------------------------------------


@extend_schema(tags=["forums"])
class SpaceListView(generics.GenericAPIView):
    """The cohort's forum spaces you may see (cohort-wide first, then your small group's)."""

    @extend_schema(
        parameters=[OpenApiParameter("cohort", int, required=True)],
        responses={200: SpaceSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request: Request):
        params = SpaceFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        cohort = course_access.get_visible_cohort_or_404(request.user, params.validated_data["cohort"])
        # Every space listed is one the caller sees; writing in it is then the cohort's take-part rule.
        can_post = course_access.can_take_part(request.user, cohort)
        rows = [
            {
                "space": row.space,
                "threads": row.threads,
                "unread": row.unread,
                "can_post": can_post,
                "url": absolute(request, row.space.get_absolute_url()),
            }
            for row in selectors.space_list(user=request.user, cohort=cohort)
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(SpaceSerializer(page, many=True).data)


# --- threads --------------------------------------------------------------------------------------------


def thread_detail(request: Request, thread: Thread) -> dict:
    return {
        **thread_row(request, thread),
        "unread": 0,
        "can_post": access.can_post(request.user, thread.space) and thread.accepts_replies,
        "can_moderate": access.can_moderate(request.user, thread.cohort),
    }


@extend_schema(tags=["forums"])
class ThreadListView(APIView):
    """GET: a space's conversations, pinned first, then by latest activity (30 a page).
    POST: open a conversation with its first contribution."""

    @extend_schema(
        parameters=[
            OpenApiParameter("space", int, required=True),
            OpenApiParameter(
                "move", str, description="Only conversations with a contribution of this move (code)."
            ),
            PAGE_PARAMETER,
        ],
        operation_id="threads_list",
        responses={200: ThreadPageSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request):
        params = ThreadFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        space = access.get_space_or_404(request.user, params.validated_data["space"])
        context = selectors.space_threads(
            user=request.user,
            space=space,
            page_number=page_number(request),
            move=params.validated_data["move"],
        )
        for row in context["threads"]:
            row.thread.space = space
        results = [thread_row(request, row.thread, row.unread) for row in context["threads"]]
        body = {**page_links(request, context["page_obj"]), "results": results}
        return Response(ThreadPageSerializer(body).data)

    @extend_schema(
        request=ThreadCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: ThreadDetailSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request: Request):
        data = ThreadCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        space = access.get_space_or_404(request.user, values["space"])
        lesson = parsing.lesson_by_id(values.get("lesson"))
        with transaction.atomic():
            thread = run(
                services.thread_create,
                user=request.user,
                space=space,
                title=values["title"],
                body=values["body"],
                move=values.get("move"),
                mode=values["mode"],
                lesson=lesson,
                reading_id=values["reading_id"],
                passage=passage_choice(values.get("passage"), None),
                client_token=values.get("client_token"),
            )
        thread = access.get_thread_or_404(request.user, thread.pk)
        return Response(
            ThreadDetailSerializer(thread_detail(request, thread)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["forums"])
class ThreadDetailView(APIView):
    """One conversation you may see."""

    @extend_schema(responses={200: ThreadDetailSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int):
        thread = access.get_thread_or_404(request.user, pk)
        return Response(ThreadDetailSerializer(thread_detail(request, thread)).data)


@extend_schema(tags=["forums"])
class ThreadPostsView(APIView):
    """GET: the contributions, 20 top-level ones a page, each with its replies (as on the thread page;
    a gathering goes in reading order). POST: contribute, or reply to one (`reply_to`, `quote_text`)."""

    @extend_schema(
        parameters=[PAGE_PARAMETER],
        operation_id="threads_posts_list",
        responses={200: PostPageSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request, pk: int):
        thread = access.get_thread_or_404(request.user, pk)
        context = selectors.thread_page(user=request.user, thread=thread, page_number=page_number(request))
        moderator = context["can_moderate"]
        body = {
            **page_links(request, context["page_obj"]),
            "waiting_for_own_post": context["waiting_for_own_post"],
            "others_count": context["others_count"],
            "results": [
                post_data(request, item, moderator=moderator, replies=True) for item in context["items"]
            ],
        }
        return Response(PostPageSerializer(body).data)

    @extend_schema(
        request=PostCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: PostSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request: Request, pk: int):
        thread = access.get_thread_or_404(request.user, pk)
        data = PostCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        reply_to = run(parsing.reply_target, thread=thread, post_id=values.get("reply_to"))
        passage = passage_choice(values.get("passage"), thread)
        with transaction.atomic():
            post = run(
                services.post_publish,
                user=request.user,
                thread=thread,
                body=values["body"],
                reply_to=reply_to,
                quote_text=values["quote_text"],
                move=values.get("move"),
                passage=passage,
                client_token=values.get("client_token"),
            )
        return Response(one_post(request, post), status=status.HTTP_201_CREATED)


# --- posts ------------------------------------------------------------------------------------------------


@extend_schema(tags=["forums"])
class PostDetailView(APIView):
    """GET one contribution; PATCH your own (the previous text is kept for the facilitators);
    DELETE your own (it keeps its place, "withdrawn", without its text)."""

    @extend_schema(responses={200: PostSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int):
        post = access.get_post_or_404(request.user, pk)
        return Response(one_post(request, post))

    @extend_schema(request=PostEditSerializer, responses={200: PostSerializer, **errors(400, 401, 403, 404)})
    def patch(self, request: Request, pk: int):
        post = access.get_post_or_404(request.user, pk)
        data = PostEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        with transaction.atomic():
            post = run(
                services.post_edit,
                user=request.user,
                post=post,
                body=values.get("body", post.body_markdown),
                move=values.get("move", post.move_id),
            )
        return Response(one_post(request, post))

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: Request, pk: int):
        post = access.get_post_or_404(request.user, pk)
        run(services.post_delete, user=request.user, post=post)
        return Response(status=status.HTTP_204_NO_CONTENT)


def set_reaction(request: Request, post: Post, kind: str, present: bool) -> None:
    """services.reaction_toggle until the reaction is (or is not) there, in one transaction."""
    with transaction.atomic():
        if run(services.reaction_toggle, user=request.user, post=post, kind=kind) != present:
            run(services.reaction_toggle, user=request.user, post=post, kind=kind)


@extend_schema(tags=["forums"])
class PostReactionsView(APIView):
    """Add (POST) or take back (DELETE) your reaction of one kind; both are idempotent."""

    @extend_schema(
        request=ReactionSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={200: PostSerializer, **errors(400, 401, 403, 404, 409, 422)},
    )
    @idempotent
    def post(self, request: Request, pk: int):
        post = access.get_post_or_404(request.user, pk)
        data = ReactionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        set_reaction(request, post, data.validated_data["kind"], True)
        return Response(one_post(request, post))

    @extend_schema(
        parameters=[OpenApiParameter("kind", str, enum=Reaction.Kind.values, required=True)],
        responses={200: PostSerializer, **errors(400, 401, 403, 404)},
    )
    def delete(self, request: Request, pk: int):
        post = access.get_post_or_404(request.user, pk)
        data = ReactionSerializer(data=request.query_params.dict())
        data.is_valid(raise_exception=True)
        set_reaction(request, post, data.validated_data["kind"], False)
        return Response(one_post(request, post))


# --- notifications ------------------------------------------------------------------------------------------


@extend_schema(tags=["forums"])
class NotificationListView(APIView):
    """Your notifications (mentions, replies, watched conversations, moderation), newest first, 30 a page;
    only about conversations you may still read."""

    @extend_schema(
        parameters=[PAGE_PARAMETER],
        operation_id="notifications_list",
        responses={200: NotificationPageSerializer, **errors(400, 401)},
    )
    def get(self, request: Request):
        context = selectors.notification_page(user=request.user, page_number=page_number(request))
        body = {
            **page_links(request, context["page_obj"]),
            "unread": notifications.unread_count(request.user),
            "results": context["notifications"],
        }
        return Response(NotificationPageSerializer(body, context={"request": request}).data)


@extend_schema(tags=["forums"])
class NotificationReadView(APIView):
    """Mark some (`ids`) or all (`all: true`) of your unread notifications read."""

    @extend_schema(
        request=NotificationReadSerializer,
        responses={200: NotificationReadResultSerializer, **errors(400, 401)},
    )
    def post(self, request: Request):
        data = NotificationReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = None if data.validated_data["all"] else data.validated_data["ids"]
        marked = notifications.mark_read(user=request.user, notification_ids=ids)
        return Response({"marked": marked, "unread": notifications.unread_count(request.user)})
