"""The demo seed builds a lively cohort forum, once."""

from __future__ import annotations

from django.core.cache import cache

from courses.demo.seed import ES_COHORT_NAME
from courses.models import Cohort
from forums.models import Post, Reaction, Thread
from workspace.demo import seed


def test_seed_creates_a_lively_forum_idempotently(db):
    seed()
    cohort = Cohort.objects.get(name=ES_COHORT_NAME)
    threads = Thread.objects.filter(cohort=cohort)
    posts = Post.objects.filter(thread__cohort=cohort)
    assert threads.count() >= 4
    # The facilitator's gathering; the site also opened one conversation per released reading.
    gathering = threads.get(mode=Thread.Mode.GATHERING, author__isnull=False)
    assert threads.filter(mode=Thread.Mode.GATHERING, author__isnull=True).exists()
    cited = gathering.posts.exclude(passage_block_id="")
    assert cited.count() >= 4 and all(p.passage_text for p in cited)
    assert Reaction.objects.filter(post__thread__cohort=cohort).count() >= 10
    assert posts.filter(reply_to__reply_to__isnull=False).exists()  # a reply to a reply
    counts = (threads.count(), posts.count(), Reaction.objects.count())
    cache.clear()
    seed()
    assert (threads.count(), posts.count(), Reaction.objects.count()) == counts
