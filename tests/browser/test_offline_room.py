"""The room survives the network going away (DESIGN.md, live-room protocol: resume with ?after=<id>,
outbox resent by client_msg_id): one browser goes offline for a few seconds while the others chat, and
writes a message of its own meanwhile; back online it shows every message exactly once, in order."""

from __future__ import annotations

import time

import pytest

from tests.browser.helpers import ONLINE, chat_log, enter_room, expect, send_chat, wait_for_chat

pytestmark = pytest.mark.browser


def test_a_browser_that_goes_offline_catches_up_every_message_once_in_order(demo, new_context):
    gathering = demo.open_gathering("Tertulia con mala señal")
    facilitator = enter_room(new_context("facilitadora1").new_page(), gathering)
    talker = enter_room(new_context("participante9").new_page(), gathering)
    offline_context = new_context("participante10")
    traveller = enter_room(offline_context.new_page(), gathering)

    send_chat(facilitator, "Bienvenidas y bienvenidos")
    for page in (facilitator, talker, traveller):
        wait_for_chat(page, "Bienvenidas y bienvenidos")

    offline_context.set_offline(True)
    expect(traveller.locator("#room-status")).to_have_attribute("data-state", "offline")
    started = time.monotonic()
    sent = []
    for i in range(1, 4):
        for page, who in ((talker, "participante"), (facilitator, "facilitadora")):
            text = f"Mensaje {i} de la {who} mientras alguien no tiene señal"
            send_chat(page, text)
            sent.append(text)
            wait_for_chat(facilitator, text)
    # Written without a connection: it waits in the outbox, shown as being sent.
    send_chat(traveller, "Escribí esto sin señal")
    expect(traveller.locator("#chat-log > li.pending")).to_have_count(1)
    time.sleep(max(0.0, 5 - (time.monotonic() - started)))
    assert not any(text in item["text"] for item in chat_log(traveller) for text in sent)

    offline_context.set_offline(False)
    traveller.wait_for_selector(ONLINE)
    wait_for_chat(traveller, "Escribí esto sin señal")
    for page in (facilitator, talker):
        wait_for_chat(page, "Escribí esto sin señal")

    truth = demo.chat_texts(gathering)
    assert truth == ["Bienvenidas y bienvenidos", *sent, "Escribí esto sin señal"]
    for page in (facilitator, talker, traveller):
        log = chat_log(page)
        assert [item["text"] for item in log] == truth, page.context
        ids = [item["id"] for item in log]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)
        assert not any(item["pending"] for item in log)
