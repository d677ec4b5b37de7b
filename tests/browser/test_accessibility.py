"""Accessibility: axe-core finds no serious or critical problem on the key pages, and everything in the
live room can be reached and operated with the keyboard alone.

axe-core comes from the npm registry (tests/browser/package.json, `npm ci --prefix tests/browser`) and is
injected by the test into the page it checks, never loaded from a CDN nor served by the site. Its
contexts bypass the Content-Security-Policy, which would rightly refuse an injected script.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import HERE, PHONE
from tests.browser.helpers import enter_room, expect, expect_speaker, send_chat, wait_for_chat
from tests.conftest import require_service

pytestmark = pytest.mark.browser

AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        require_service("axe-core (npm ci --prefix tests/browser)")
    return AXE.read_text()


def axe_problems(page, axe_source: str) -> list[str]:
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def check(page, axe_source: str, url: str, problems: dict) -> None:
    page.goto(url)
    found = axe_problems(page, axe_source)
    if found:
        problems[f"{url} @ {page.viewport_size['width']}px"] = found


def test_key_pages_have_no_serious_accessibility_problems(demo, new_context, axe_source):
    gathering = demo.open_gathering("Tertulia accesible")
    cohort = demo.cohort("es")
    lesson = demo.lesson("aprender-en-dialogo")
    thread = demo.thread("Tertulia pedagógica")
    from live.models import Gathering

    past = Gathering.objects.get(cohort=cohort, status=Gathering.Status.ENDED, title__startswith="Encuentro")
    problems: dict[str, list[str]] = {}

    visitor = new_context(bypass_csp=True).new_page()
    for url in ("/", "/catalogue/", cohort.course.url, "/accounts/login/", "/accounts/signup/"):
        check(visitor, axe_source, url, problems)

    participant = new_context("participante1", bypass_csp=True).new_page()
    pages = [
        "/learning/",
        cohort.course.url,
        lesson.url,
        f"/threads/{thread.pk}/",
        f"/cohorts/{cohort.pk}/",
        f"/gatherings/{gathering.pk}/room/",
        f"/gatherings/{past.pk}/record/",
    ]
    for url in pages:
        check(participant, axe_source, url, problems)
    phone = new_context("participante1", bypass_csp=True, viewport=PHONE, is_mobile=True).new_page()
    for url in (lesson.url, f"/threads/{thread.pk}/", f"/gatherings/{gathering.pk}/room/"):
        check(phone, axe_source, url, problems)

    facilitator = new_context("facilitadora1", bypass_csp=True).new_page()
    for url in (f"/gatherings/{gathering.pk}/room/", f"/admin/cohorts/{cohort.pk}/dashboard/"):
        check(facilitator, axe_source, url, problems)
    facilitator_phone = new_context(
        "facilitadora1", bypass_csp=True, viewport=PHONE, is_mobile=True
    ).new_page()
    check(facilitator_phone, axe_source, f"/admin/cohorts/{cohort.pk}/dashboard/", problems)

    assert not problems, "\n".join(f"{url}:\n  " + "\n  ".join(found) for url, found in problems.items())


# --- keyboard -------------------------------------------------------------------------------------


def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab (only Tab) until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_room_is_reachable_and_operable_by_keyboard(demo, new_context):
    gathering = demo.open_gathering("Tertulia con teclado")
    participant_name = demo.user("participante13").get_full_name()
    moderator = enter_room(new_context("facilitadora1").new_page(), gathering)
    participant = enter_room(new_context("participante13").new_page(), gathering)

    # Every control of the room is in the Tab order, and shows where the focus is.
    for page in (moderator, participant):
        count = page.evaluate(
            """() => {
                const controls = [...document.querySelectorAll(
                    '#room a[href], #room button, #room input, #room textarea, #room select, #room summary')]
                    .filter(e => !e.disabled && e.getClientRects().length && e.tabIndex >= 0);
                controls.forEach((e, i) => { e.dataset.probe = i; });
                return controls.length;
            }"""
        )
        assert count >= 4
        page.locator("body").click(position={"x": 1, "y": 1})
        reached, outlines = set(), set()
        for _ in range(count + 40):
            page.keyboard.press("Tab")
            probe = page.evaluate(
                """() => { const e = document.activeElement;
                   return e && e.dataset.probe !== undefined
                     ? [e.dataset.probe, getComputedStyle(e).outlineStyle] : null; }"""
            )
            if probe:
                reached.add(int(probe[0]))
                outlines.add(probe[1])
        assert reached == set(range(count)), f"not reachable by Tab: {set(range(count)) - reached}"
        assert "none" not in outlines

    # The participant raises a hand, naming a passage.
    participant.locator("body").click(position={"x": 1, "y": 1})
    tab_to(participant, "#passage")
    participant.keyboard.type("página 3")
    tab_to(participant, "#raise-hand")
    participant.keyboard.press("Enter")
    expect(moderator.locator("#queue > li")).to_contain_text([participant_name])

    # The moderator gives the floor from the queue, with the keyboard.
    moderator.locator("body").click(position={"x": 1, "y": 1})
    tab_to(moderator, "#queue button")
    assert participant_name in moderator.evaluate("document.activeElement.getAttribute('aria-label')")
    moderator.keyboard.press("Space")
    expect_speaker(participant, participant_name)

    # Chat: type and press Enter.
    tab_to(participant, "#chat-text")
    participant.keyboard.type("Hablo con el teclado")
    participant.keyboard.press("Enter")
    wait_for_chat(moderator, "Hablo con el teclado")
    send_chat(moderator, "¡Bien!")
    wait_for_chat(participant, "¡Bien!")

    # The moderator opens a poll; the participant votes; the focus stays on the vote while results arrive.
    moderator.locator("body").click(position={"x": 1, "y": 1})
    tab_to(moderator, "#poll-question")
    moderator.keyboard.type("¿Seguimos con la lectura?")
    tab_to(moderator, "#poll-options")
    moderator.keyboard.type("Sí")
    moderator.keyboard.press("Enter")
    moderator.keyboard.type("No")
    tab_to(moderator, "#poll-form button[type=submit]")
    moderator.keyboard.press("Enter")
    participant.locator("#poll button").first.wait_for()
    participant.locator("body").click(position={"x": 1, "y": 1})
    tab_to(participant, "#poll button[data-key='vote-0']")
    participant.keyboard.press("Enter")
    expect(moderator.locator("#poll")).to_contain_text("Sí (1)")
    expect(participant.locator("#poll")).to_contain_text("Sí (1)")
    assert focused(participant, "#poll button[data-key='vote-0'][aria-pressed='true']")

    # And ends the gathering, confirming with the keyboard too.
    tab_to(moderator, "[data-command='gathering.end']")
    moderator.once("dialog", lambda dialog: dialog.accept())
    moderator.keyboard.press("Enter")
    for page in (moderator, participant):
        expect(page.locator("#room-status")).to_have_attribute("data-state", "ended")
    tab_to(participant, "#room-status a")
    participant.keyboard.press("Enter")
    expect(participant.locator("h1")).to_have_text(re.compile("^Acta"))
