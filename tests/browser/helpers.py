"""Small steps the browser tests share: entering a room, chatting, reading what a page shows."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Playwright is imported only when a test runs: without it the tests skip (or fail in CI)
    from playwright.sync_api import Page


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


ONLINE = "#room-status[data-state=online]"


def enter_room(page: Page, gathering) -> Page:
    """Open the gathering's room and wait until its socket is connected (the `welcome` arrived)."""
    page.goto(f"/gatherings/{gathering.pk}/room/")
    page.wait_for_selector(ONLINE)
    return page


def send_chat(page: Page, text: str) -> None:
    page.fill("#chat-text", text)
    page.press("#chat-text", "Enter")


def chat_log(page: Page) -> list[dict]:
    """The chat as the page shows it: [{id, text, pending}] in document order."""
    return page.eval_on_selector_all(
        "#chat-log > li",
        """items => items.map(li => ({
            id: li.dataset.id ? Number(li.dataset.id) : null,
            text: li.lastChild ? li.lastChild.textContent.trim() : '',
            pending: li.classList.contains('pending'),
        }))""",
    )


def chat_texts(page: Page) -> list[str]:
    return [item["text"] for item in chat_log(page) if not item["pending"]]


def wait_for_chat(page: Page, text: str) -> None:
    page.locator("#chat-log > li[data-id]", has_text=text).wait_for()


def names(page: Page, selector: str) -> list[str]:
    return [n.strip() for n in page.locator(selector).all_inner_texts()]


def expect_presence(page: Page, people: list[str]) -> None:
    expect(page.locator("#presence-count")).to_have_text(str(len(people)))
    for person in people:
        expect(page.locator("#presence > li", has_text=person)).to_have_count(1)


def expect_speaker(page: Page, name: str | None) -> None:
    if name is None:
        expect(page.locator("#speaker")).to_have_text(
            re.compile(r"Nadie tiene la palabra|Nobody has the floor")
        )
    else:
        expect(page.locator("#speaker")).to_contain_text(name)
