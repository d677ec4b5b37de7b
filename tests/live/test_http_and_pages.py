"""The room page, the record page and the HTTP fallback share the room's rules and event ids."""

from __future__ import annotations

import pytest
from django.urls import reverse

from live import room
from live.models import Gathering, RoomEvent
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db


def events_url(gathering, after=0):
    return reverse("live:api_events", args=[gathering.pk]) + f"?after={after}"


def test_http_chat_is_idempotent_and_readable_as_events(client, world, django_capture_on_commit_callbacks):
    gathering = make_gathering(world.cohort)
    client.force_login(world.participant)
    url = reverse("live:api_messages", args=[gathering.pk])
    body = {"text": "Desde el celular", "client_msg_id": "http-1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, body, content_type="application/json")
        again = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["id"] == again.json()["id"] == 1
    assert RoomEvent.objects.filter(gathering=gathering).count() == 1
    data = client.get(events_url(gathering)).json()
    assert [e["text"] for e in data["events"]] == ["Desde el celular"]
    assert data["last_event_id"] == 1
    assert client.get(events_url(gathering, after=1)).json()["events"] == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": ""}, 400),
        ({"text": "x" * 2001}, 400),
        ({"client_msg_id": "a"}, 400),
        ({"text": "ok", "client_msg_id": "x" * 65}, 400),
    ],
)
def test_http_chat_bad_input_changes_nothing(client, world, body, status):
    gathering = make_gathering(world.cohort)
    client.force_login(world.participant)
    response = client.post(
        reverse("live:api_messages", args=[gathering.pk]), body, content_type="application/json"
    )
    assert response.status_code == status
    assert not RoomEvent.objects.exists()


def test_http_fallback_hides_other_cohorts_and_requires_sign_in(client, world):
    gathering = make_gathering(world.cohort)
    assert client.get(events_url(gathering)).status_code in {401, 403}
    client.force_login(world.outsider)
    assert client.get(events_url(gathering)).status_code == 404
    post = client.post(
        reverse("live:api_messages", args=[gathering.pk]), {"text": "hola"}, content_type="application/json"
    )
    assert post.status_code == 404
    assert client.get(events_url(gathering, after=-1)).status_code == 404


def test_http_chat_refused_when_room_closed_or_observer(client, world):
    gathering = make_gathering(world.cohort, status=Gathering.Status.ENDED)
    client.force_login(world.participant)
    url = reverse("live:api_messages", args=[gathering.pk])
    assert client.post(url, {"text": "hola"}, content_type="application/json").status_code == 409
    open_gathering = make_gathering(world.cohort)
    client.force_login(world.observer)
    url = reverse("live:api_messages", args=[open_gathering.pk])
    assert client.post(url, {"text": "hola"}, content_type="application/json").status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 200), ("observer", 200), ("facilitator", 200), ("staff", 200), ("outsider", 404)],
)
def test_room_and_record_pages_access(client, world, who, status):
    gathering = make_gathering(world.cohort)
    client.force_login(getattr(world, who))
    assert client.get(reverse("live:room", args=[gathering.pk])).status_code == status
    assert client.get(reverse("live:record", args=[gathering.pk])).status_code == status


def test_room_page_anonymous_goes_to_login(client, world):
    gathering = make_gathering(world.cohort)
    response = client.get(reverse("live:room", args=[gathering.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_room_page_renders_state_and_works_without_javascript(client, world):
    gathering = make_gathering(world.cohort, agenda="1. Ronda\n2. Lectura")
    room.chat_send(gathering=gathering, user=world.facilitator, text="Bienvenidas", client_msg_id="w")
    client.force_login(world.participant)
    page = client.get(reverse("live:room", args=[gathering.pk]))
    html = page.content.decode()
    assert "Bienvenidas" in html and "Ronda" in html
    config = page.context["room_config"]
    assert config["lastEventId"] == 1 and config["wsPath"] == f"/ws/gatherings/{gathering.pk}/"
    # The plain form posts chat and raises a hand without JavaScript.
    action = reverse("live:room_action", args=[gathering.pk])
    client.post(action, {"action": "chat", "text": "Sin JavaScript", "client_msg_id": "nojs-1"})
    client.post(action, {"action": "chat", "text": "Sin JavaScript", "client_msg_id": "nojs-1"})
    client.post(action, {"action": "raise", "passage": "párrafo 4"})
    assert RoomEvent.objects.filter(gathering=gathering, type="chat.message").count() == 2
    assert room.queue(gathering)["waiting"][0]["passage"] == "párrafo 4"
    response = client.post(action, {"action": "chat", "text": ""}, follow=True)
    assert response.status_code == 200
    assert RoomEvent.objects.filter(gathering=gathering, type="chat.message").count() == 2


def test_record_page_holds_turns_passages_polls_and_transcript(client, world):
    gathering = make_gathering(world.cohort, agenda="Agenda de la tertulia")
    room.hand_raise(gathering=gathering, user=world.participant, passage="p. 7, párrafo 2")
    room.floor_next(gathering=gathering, user=world.facilitator)
    room.chat_send(gathering=gathering, user=world.participant, text="Gracias por la palabra")
    room.poll_open(gathering=gathering, user=world.facilitator, question="¿Jueves?", options=["Sí", "No"])
    room.poll_vote(gathering=gathering, user=world.participant, poll_id=gathering.polls.get().pk, option=0)
    room.gathering_end(gathering=gathering, user=world.facilitator)
    client.force_login(world.participant)
    html = client.get(reverse("live:record", args=[gathering.pk])).content.decode()
    for expected in (
        "Agenda de la tertulia",
        "p. 7, párrafo 2",
        "Gracias por la palabra",
        "¿Jueves?",
        "Sí: 1",
        "No: 0",
    ):
        assert expected in html


def test_event_ids_strictly_increase_across_kinds(world):
    gathering = make_gathering(world.cohort)
    room.chat_send(gathering=gathering, user=world.participant, text="uno")
    room.hand_raise(gathering=gathering, user=world.participant)
    room.floor_next(gathering=gathering, user=world.facilitator)
    room.poll_open(gathering=gathering, user=world.facilitator, question="¿?", options=["a", "b"])
    room.chat_send(gathering=gathering, user=world.participant, text="dos")
    frames = room.events_after(gathering, 0)
    assert [f["id"] for f in frames] == [1, 2, 3, 4]
    assert [f["type"] for f in frames] == ["chat.message", "floor.changed", "poll.opened", "chat.message"]
    assert room.events_after(gathering, 2) == frames[2:]


def test_moderator_notes_reach_the_record_and_participants_cannot_write_them(client, world):
    gathering = make_gathering(world.cohort)
    action = reverse("live:room_action", args=[gathering.pk])
    client.force_login(world.participant)
    client.post(action, {"action": "notes", "notes": "intruso"})
    gathering.refresh_from_db()
    assert gathering.notes == ""
    client.force_login(world.facilitator)
    client.post(action, {"action": "notes", "notes": "Próxima lectura: módulo 3, párrafos 1–4."})
    gathering.refresh_from_db()
    assert gathering.notes == "Próxima lectura: módulo 3, párrafos 1–4."
    html = client.get(reverse("live:record", args=[gathering.pk])).content.decode()
    assert "Próxima lectura: módulo 3" in html


def test_cohort_page_invites_into_the_open_room(client, world):
    gathering = make_gathering(world.cohort, title="Tertulia abierta")
    client.force_login(world.participant)
    html = client.get(reverse("workspace:cohort", args=[world.cohort.pk])).content.decode()
    assert reverse("live:room", args=[gathering.pk]) in html
    assert "Tertulia abierta" in html
    assert reverse("live:cohort_attendance", args=[world.cohort.pk]) not in html
    client.force_login(world.facilitator)
    html = client.get(reverse("workspace:cohort", args=[world.cohort.pk])).content.decode()
    assert reverse("live:cohort_attendance", args=[world.cohort.pk]) in html


def test_ending_posts_the_record_once_in_the_cohort_forum(world):
    from forums.models import Thread

    gathering = make_gathering(world.cohort, title="Tertulia de cierre")
    room.hand_raise(gathering=gathering, user=world.participant, passage="párrafo 8")
    room.floor_next(gathering=gathering, user=world.facilitator)
    room.notes_save(gathering=gathering, user=world.facilitator, notes="Leeremos el módulo 4.")
    room.gathering_end(gathering=gathering, user=world.facilitator)
    gathering.refresh_from_db()
    thread = Thread.objects.get(pk=gathering.record_thread_id)
    assert thread.space.cohort_id == world.cohort.pk
    assert "Tertulia de cierre" in thread.title
    body = thread.posts.get().body_html
    assert f"/gatherings/{gathering.pk}/record/" in body
    assert "párrafo 8" in body and "Leeremos el módulo 4." in body
    assert Thread.objects.filter(title=thread.title).count() == 1


def test_heartbeat_sweeps_stale_sockets_and_reopens_a_slow_one(world):
    import datetime as dt

    from django.utils import timezone

    from live.models import Connection

    gathering = make_gathering(world.cohort)
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    ghost = Connection.objects.create(
        gathering=gathering, user=world.observer, channel_name="a", last_seen_at=long_ago
    )
    mine = Connection.objects.create(gathering=gathering, user=world.participant, channel_name="b")
    assert [p["user_id"] for p in room.presence(gathering)] == [world.participant.pk]
    assert room.heartbeat(connection_id=mine.pk, gathering_id=gathering.pk) is True  # the ghost left
    ghost.refresh_from_db()
    assert ghost.left_at == ghost.last_seen_at
    # A sweep within the interval is skipped; a slow socket that beats again is present again.
    assert room.heartbeat(connection_id=ghost.pk, gathering_id=gathering.pk) is False
    ghost.refresh_from_db()
    assert ghost.left_at is None
    assert sorted(p["user_id"] for p in room.presence(gathering)) == sorted(
        [world.participant.pk, world.observer.pk]
    )


def test_presence_announcements_are_coalesced_per_room(world):
    gathering = make_gathering(world.cohort)
    first = room.presence_delay(gathering.pk)
    assert first == room.PRESENCE_MIN_DELAY
    assert room.presence_delay(gathering.pk) is None  # already due: joins in a burst share one announcement
    room.announce_presence(gathering.pk)
    assert room.presence_delay(gathering.pk) is not None
