"""The hand-written scripts in a real browser, against a real daphne: live posts and @mention autocomplete.

Outside CI it is skipped when Playwright or Chromium is missing (the pages work without these scripts);
in CI it always runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import CHROMIUM_ARGS, chromium, servers, session_key

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server():
    with servers(1) as (ports, _processes):
        yield f"http://127.0.0.1:{ports[0]}"


def test_new_posts_appear_live_and_mentions_autocomplete(forum, server):
    executable = chromium()
    from playwright.sync_api import sync_playwright

    w = forum.world
    reader_key, writer_key = session_key(w.participant), session_key(w.facilitator)
    url = f"{server}{forum.thread.get_absolute_url()}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            reader = browser.new_context()
            reader.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": reader_key, "url": server}])
            writer = browser.new_context()
            writer.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": writer_key, "url": server}])
            reading = reader.new_page()
            frames: list = []  # listened for before the page opens: the welcome can come at once

            def listen(ws) -> None:
                if "/ws/threads/" in ws.url:
                    ws.on("framereceived", lambda payload: frames.append(payload))

            reading.on("websocket", listen)
            reading.goto(url)
            for _ in range(100):  # the welcome, within 10 s
                if frames:
                    break
                reading.wait_for_timeout(100)
            assert frames, "the thread's WebSocket never said welcome"

            writing = writer.new_page()
            writing.goto(url)
            box = writing.locator("#reply-body")
            box.click()
            box.press_sequentially("Gracias @obs", delay=30)
            option = writing.locator(".mention-list li").first
            option.wait_for(timeout=10_000)
            assert "@observadora" in option.inner_text()
            box.press("Enter")
            assert box.input_value() == "Gracias @observadora "
            box.press_sequentially("por la lectura en vivo")
            writing.get_by_role("button", name="Publicar").or_(
                writing.get_by_role("button", name="Publish")
            ).click()
            writing.wait_for_load_state()

            reading.locator(".post-body", has_text="por la lectura en vivo").wait_for(timeout=10_000)
            news = reading.locator("#thread-live")
            assert news.is_visible() and "1" in news.inner_text()
            assert reading.locator("#posts > li").count() == 2
        finally:
            browser.close()
