"""Search in a cohort's conversations, for what the reader may see (titles and contributions).

PostgreSQL: full-text search ('spanish' configuration); elsewhere every word must appear.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from courses import access as course_access
from courses.models import Cohort
from forums import access
from forums.models import Post

if TYPE_CHECKING:
    from lms.typing import AnyUser

SEARCH_PER_PAGE = 20
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 8
SNIPPET_CHARS = 240
_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


def search_terms(query: str) -> list[str]:
    return _WORD.findall(query or "")[:SEARCH_MAX_TERMS]


def searchable_posts(*, user: AnyUser, cohort: Cohort) -> QuerySet[Post]:
    """Contributions of a cohort's spaces that ``user`` may read: their spaces only (small groups
    included only for their members and the facilitators), no hidden thread, no hidden or withdrawn
    contribution, and "post first, then see others" respected."""
    spaces = access.visible_spaces(user, cohort)
    posts = Post.objects.filter(
        thread__space__in=[s.pk for s in spaces], thread__hidden=False, deleted=False, hidden=False
    )
    enrollment = course_access.enrollment_in(user, cohort)
    if enrollment is not None and enrollment.is_participant and user.is_authenticated:
        own = Post.objects.filter(thread=OuterRef("thread_id"), author=user, deleted=False)
        posts = posts.exclude(Q(thread__post_first=True) & ~Q(author=user) & ~Exists(own))
    return posts


def search(*, user: AnyUser, cohort: Cohort, query: str, page_number: int | str | None = 1) -> dict:
    """Search a cohort's conversations (titles and contributions) for what ``user`` may see.

    PostgreSQL: full-text search with the 'spanish' configuration (stemming, accents as written),
    ranked by SearchRank, the thread title weighing more than the text. Elsewhere (SQLite): every
    word must appear in the title or the text (case-insensitive), newest first. A fixed number of
    queries; one page of results.
    """
    query = " ".join((query or "").split())[:SEARCH_MAX_CHARS]
    terms = search_terms(query)
    result = {"cohort": cohort, "query": query, "page_obj": None, "results": [], "searched": bool(terms)}
    if not terms:
        return result
    posts = searchable_posts(user=user, cohort=cohort).select_related("thread", "author")
    if connection.vendor == "postgresql":
        vector = SearchVector("thread__title", weight="A", config="spanish") + SearchVector(
            "body_markdown", weight="B", config="spanish"
        )
        search_query = SearchQuery(query, config="spanish", search_type="websearch")
        posts = (
            posts.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-created_at", "-pk")
        )
    else:
        for term in terms:
            posts = posts.filter(Q(body_markdown__icontains=term) | Q(thread__title__icontains=term))
        posts = posts.order_by("-created_at", "-pk")
    page: PaginatorPage = Paginator(posts, SEARCH_PER_PAGE).get_page(page_number)
    result["page_obj"] = page
    result["results"] = [{"post": p, "snippet": snippet(p.body_markdown, terms)} for p in page.object_list]
    return result


def snippet(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """A short excerpt around the first match, as (text, is_match) pieces for the template to mark."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    found = [i for i in (lowered.find(t.lower()) for t in terms) if i >= 0]
    start = max(0, min(found, default=0) - SNIPPET_CHARS // 3)
    excerpt = text[start : start + SNIPPET_CHARS]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(text) else ""
    if not terms:
        return [(prefix + excerpt + suffix, False)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(excerpt):
        if match.start() > position:
            pieces.append((excerpt[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    pieces.append((excerpt[position:], False))
    pieces[0] = (prefix + pieces[0][0], pieces[0][1])
    pieces.append((suffix, False))
    return [piece for piece in pieces if piece[0]]
