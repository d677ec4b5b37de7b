"""Screenshots of the key pages at phone width (360×740) and desktop width, kept as artefacts of the run
(<artifacts>/screenshots/, see docs/testing.md), and no horizontal scrolling on a 360 px phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import ONLINE, enter_room, send_chat, wait_for_chat

pytestmark = pytest.mark.browser


_room: dict[str, str] = {}


def room_url(demo, new_context) -> str:
    """A gathering in full swing: people present, chat, a raised hand with its passage."""
    if "url" not in _room:
        gathering = demo.open_gathering("Tertulia pedagógica: «Lo que cambia cuando todas las voces cuentan»")
        other = enter_room(new_context("participante15").new_page(), gathering)
        send_chat(other, "Buenas tardes desde Ayacucho: leí el párrafo 3 dos veces")
        other.fill("#passage", "p. 2, párrafo 3: «las razones, no las jerarquías»")
        other.get_by_role("button", name="Levantar la mano").click()
        other.locator("#queue > li", has_text="párrafo 3").wait_for()
        _room["url"] = f"/gatherings/{gathering.pk}/room/"
    return _room["url"]


PAGES = {
    # name: (who, address)
    "catalogue": (None, lambda demo, _: "/catalogue/"),
    "course": ("participante1", lambda demo, _: demo.cohort("es").course.url),
    "lesson": ("participante1", lambda demo, _: demo.lesson("aprender-en-dialogo").url),
    "my-learning": ("participante1", lambda demo, _: "/learning/"),
    "thread": ("participante1", lambda demo, _: f"/threads/{demo.thread('Bienvenida').pk}/"),
    "room": ("participante14", room_url),
    "room-moderator": ("facilitadora1", room_url),
    "dashboard": ("facilitadora1", lambda demo, _: f"/admin/cohorts/{demo.cohort('es').pk}/dashboard/"),
}


@pytest.fixture(scope="module")
def shots(demo):
    folder = demo.artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("name", list(PAGES))
def test_key_page_at_phone_and_desktop_width(demo, new_context, shots, name):
    who, address = PAGES[name]
    url = address(demo, new_context)
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        phone = viewport is PHONE
        page = new_context(who, viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
        page.goto(url)
        if url.startswith("/gatherings/"):
            page.wait_for_selector(ONLINE)
            wait_for_chat(page, "Buenas tardes desde Ayacucho")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=shots / f"{name}-{label}-{viewport['width']}.png", full_page=True)
        if phone:
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[1] == PHONE["width"] and widths[0] <= PHONE["width"], (
                f"{name} scrolls sideways on a phone: {widths}"
            )
