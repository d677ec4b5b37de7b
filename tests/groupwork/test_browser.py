"""The drag and drop of the small-groups admin page in a real browser, against a real daphne.

Outside CI it is skipped when Playwright or Chromium is missing (the page works without the script: one
select per participant); in CI it always runs.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.urls import reverse

from tests.servers import CHROMIUM_ARGS, chromium, servers, session_key

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server():
    with servers(1) as (ports, _processes):
        yield f"http://127.0.0.1:{ports[0]}"


def test_dragging_a_person_to_a_group_sets_their_select_and_saves(gw, server):
    executable = chromium()
    from playwright.sync_api import sync_playwright

    url = server + reverse("groupwork_admin_groups", args=[gw.cohort.pk])
    select = f'select[name="group-for-{gw.member_enrollment.pk}"]'
    key = session_key(gw.facilitator)  # before Playwright starts its event loop (no ORM inside it)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": server}])
            page = context.new_page()
            page.goto(url)
            board = page.locator("#gw-board")
            board.wait_for(state="visible", timeout=10_000)
            assert board.locator(".gw-column").count() == 3  # without a group, north, south
            card = board.locator(".gw-card-person", has_text="Participante")
            south = board.locator(".gw-column", has_text="GIA Sur")
            card.drag_to(south)
            assert page.locator(select).input_value() == str(gw.south.pk)
            assert south.locator(".gw-card-person", has_text="Participante").count() == 1
            assert page.locator("#gw-pending").inner_text().strip().endswith("1")
            # The select is the keyboard way; choosing in it moves the card too.
            page.locator(f'select[name="group-for-{gw.peer_enrollment.pk}"]').select_option("")
            assert board.locator(".gw-column").first.locator(".gw-card-person", has_text="Rosa").count() == 1
            if os.environ.get("GROUPWORK_SCREENSHOT"):
                page.screenshot(path=os.environ["GROUPWORK_SCREENSHOT"], full_page=True)
            page.locator("#gw-assignments button[type=submit]").click()
            page.wait_for_load_state()
        finally:
            browser.close()
    gw.member_enrollment.refresh_from_db()
    gw.peer_enrollment.refresh_from_db()
    assert gw.member_enrollment.group_id == gw.south.pk
    assert gw.peer_enrollment.group_id is None
