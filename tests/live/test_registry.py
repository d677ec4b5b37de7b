"""The command registry, `dispatch`'s "room is open" check, and the one mapping of RoomError."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from live.models import Gathering, RoomEvent
from live.room import chat
from live.room.errors import RoomError, RoomNotOpen, api_error, error_frame, http_error
from live.room.registry import COMMANDS, Who, dispatch, lookup
from tests.live.conftest import make_gathering

pytestmark = pytest.mark.django_db

# DESIGN.md, "Live room protocol (v1)", client → server: type → who.
PROTOCOL_V1 = {
    "chat.send": Who.MEMBER,
    "hand.raise": Who.MEMBER,
    "hand.lower": Who.MEMBER,
    "floor.next": Who.MODERATOR,
    "floor.give": Who.MODERATOR,
    "floor.end": Who.SPEAKER_OR_MODERATOR,
    "poll.open": Who.MODERATOR,
    "poll.vote": Who.MEMBER,
    "poll.close": Who.MODERATOR,
    "moderator.assign": Who.MODERATOR,
    "gathering.end": Who.MODERATOR,
    "ping": Who.ANYONE,
}
# docs/live-protocol.md, "Extension: interactive groups (`groups.*`)".
PROTOCOL_GROUPS = {
    "groups.start": Who.MODERATOR,
    "groups.rotate": Who.MODERATOR,
    "groups.send": Who.GROUP_MEMBER,
    "groups.end": Who.MODERATOR,
}
PROTOCOL = {**PROTOCOL_V1, **PROTOCOL_GROUPS}

# A well-formed frame of each type (what the handler would accept in an open room).
FIELDS: dict[str, dict[str, object]] = {
    "chat.send": {"text": "hola", "client_msg_id": "c-1"},
    "hand.raise": {"passage": "p. 3, párrafo 2"},
    "hand.lower": {},
    "floor.next": {},
    "floor.give": {"user_id": 1},
    "floor.end": {},
    "poll.open": {"question": "¿Martes o jueves?", "options": ["Martes", "Jueves"]},
    "poll.vote": {"poll_id": 1, "option": 0},
    "poll.close": {"poll_id": 1},
    "moderator.assign": {"user_id": 1},
    "gathering.end": {},
    "ping": {},
    "groups.start": {"size": 3, "minutes": 10},
    "groups.rotate": {"round": 1},
    "groups.send": {"text": "en el grupo", "client_msg_id": "g-1"},
    "groups.end": {},
}
ROOM_COMMANDS = sorted(t for t in PROTOCOL if t != "ping")


def frame(frame_type: str) -> dict[str, object]:
    return {"type": frame_type, **FIELDS[frame_type]}


def refusal(gathering, user, frame_type: str) -> RoomError:
    with pytest.raises(RoomError) as caught:
        dispatch(gathering=gathering, user=user, frame=frame(frame_type))
    return caught.value


# --- the registry ------------------------------------------------------------------------------------


@pytest.mark.parametrize("frame_type", sorted(PROTOCOL))
def test_every_protocol_type_is_registered(frame_type):
    assert frame_type in COMMANDS


def test_the_registry_holds_only_the_protocol_types():
    assert set(COMMANDS) == set(PROTOCOL)


@pytest.mark.parametrize("frame_type", sorted(PROTOCOL))
def test_the_registry_says_who_may_send_each_type(frame_type):
    assert COMMANDS[frame_type].who == PROTOCOL[frame_type]


@pytest.mark.parametrize("frame_type", sorted(PROTOCOL))
def test_each_entry_is_filed_under_its_own_type(frame_type):
    assert COMMANDS[frame_type].type == frame_type


def test_required_fields_are_the_protocols():
    required = {t: c.required for t, c in COMMANDS.items() if c.required}
    assert required == {
        "chat.send": ("text",),
        "floor.give": ("user_id",),
        "poll.open": ("question", "options"),
        "poll.vote": ("poll_id", "option"),
        "poll.close": ("poll_id",),
        "moderator.assign": ("user_id",),
        "groups.start": ("size", "minutes"),
        "groups.send": ("text",),
    }


def test_an_unknown_type_is_unknown_type():
    with pytest.raises(RoomError) as caught:
        lookup({"type": "chat.shout", "text": "hola"})
    assert caught.value.code == "unknown_type"


def test_dispatch_answers_an_unknown_type_with_unknown_type(world):
    gathering = make_gathering(world.cohort)
    with pytest.raises(RoomError) as caught:
        dispatch(gathering=gathering, user=world.facilitator, frame={"type": "floor.take"})
    assert caught.value.code == "unknown_type"


def test_a_missing_required_field_is_invalid():
    with pytest.raises(RoomError) as caught:
        lookup({"type": "poll.vote", "poll_id": 1})
    assert caught.value.code == "invalid"


@pytest.mark.parametrize("frame_type", sorted(t for t, who in PROTOCOL.items() if who == Who.MODERATOR))
def test_moderator_commands_refuse_a_participant(world, frame_type):
    gathering = make_gathering(world.cohort)
    assert refusal(gathering, world.participant, frame_type).code == "forbidden"


@pytest.mark.parametrize(
    "frame_type", sorted(t for t, who in PROTOCOL.items() if who in {Who.MEMBER, Who.GROUP_MEMBER})
)
def test_member_commands_refuse_an_observer(world, frame_type):
    gathering = make_gathering(world.cohort)
    assert refusal(gathering, world.observer, frame_type).code == "forbidden"


def test_floor_end_refuses_someone_who_neither_speaks_nor_moderates(world):
    gathering = make_gathering(world.cohort)
    dispatch(
        gathering=gathering,
        user=world.facilitator,
        frame={"type": "floor.give", "user_id": world.facilitator.pk},
    )
    assert refusal(gathering, world.participant, "floor.end").code == "forbidden"


def test_anyone_may_ping(world):
    gathering = make_gathering(world.cohort)
    result = dispatch(gathering=gathering, user=world.observer, frame={"type": "ping"})
    assert result.reply == [{"type": "pong"}]


# --- the room is open ----------------------------------------------------------------------------------


def _not_open(world, state: str) -> Gathering:
    now = timezone.now()
    if state == "ended":
        return make_gathering(world.cohort, status=Gathering.Status.ENDED)
    if state == "cancelled":
        return make_gathering(world.cohort, status=Gathering.Status.CANCELLED)
    if state == "before its window":
        return make_gathering(
            world.cohort, starts_at=now + dt.timedelta(hours=3), ends_at=now + dt.timedelta(hours=4)
        )
    return make_gathering(  # past its window: ended hours ago, the grace period over
        world.cohort, starts_at=now - dt.timedelta(hours=5), ends_at=now - dt.timedelta(hours=4)
    )


NOT_OPEN = ["ended", "cancelled", "before its window", "past its window"]


@pytest.mark.parametrize("state", NOT_OPEN)
@pytest.mark.parametrize("frame_type", ROOM_COMMANDS)
def test_dispatch_refuses_every_command_when_the_room_is_not_open(world, state, frame_type):
    gathering = _not_open(world, state)
    # A facilitator may send every command: the refusal can only be the room's.
    assert isinstance(refusal(gathering, world.facilitator, frame_type), RoomNotOpen)


@pytest.mark.parametrize("state", NOT_OPEN)
def test_the_refusal_is_the_protocols_forbidden(world, state):
    gathering = _not_open(world, state)
    assert refusal(gathering, world.facilitator, "chat.send").code == "forbidden"


@pytest.mark.parametrize("state", NOT_OPEN)
@pytest.mark.parametrize("frame_type", ROOM_COMMANDS)
def test_a_closed_room_stores_nothing(world, state, frame_type):
    gathering = _not_open(world, state)
    with pytest.raises(RoomNotOpen):
        dispatch(gathering=gathering, user=world.facilitator, frame=frame(frame_type))
    assert not RoomEvent.objects.filter(gathering=gathering).exists()


def test_ended_says_so(world):
    gathering = _not_open(world, "ended")
    with translation.override("en"):
        assert refusal(gathering, world.facilitator, "chat.send").detail == "This gathering has ended."


def test_before_its_window_says_the_room_is_not_open(world):
    gathering = _not_open(world, "before its window")
    with translation.override("en"):
        assert refusal(gathering, world.facilitator, "chat.send").detail == "The room is not open now."


def test_ping_is_answered_in_a_closed_room(world):
    gathering = _not_open(world, "ended")
    result = dispatch(gathering=gathering, user=world.participant, frame={"type": "ping"})
    assert result.reply == [{"type": "pong"}]


def test_dispatch_reads_the_rooms_state_afresh(world):
    gathering = make_gathering(world.cohort)  # this instance still says "scheduled"
    Gathering.objects.filter(pk=gathering.pk).update(status=Gathering.Status.ENDED)
    assert isinstance(refusal(gathering, world.facilitator, "hand.raise"), RoomNotOpen)


def test_dispatch_sees_a_gathering_moved_later(world):
    gathering = make_gathering(world.cohort)
    later = timezone.now() + dt.timedelta(days=1)
    Gathering.objects.filter(pk=gathering.pk).update(starts_at=later, ends_at=later + dt.timedelta(hours=1))
    assert isinstance(refusal(gathering, world.facilitator, "hand.raise"), RoomNotOpen)


def test_a_service_called_directly_refuses_a_room_ended_meanwhile(world):
    gathering = make_gathering(world.cohort)
    Gathering.objects.filter(pk=gathering.pk).update(status=Gathering.Status.ENDED)
    with pytest.raises(RoomNotOpen):
        chat.chat_send(gathering=gathering, user=world.participant, text="¿sigue?")


# --- RoomError → frame, HTTP, page ------------------------------------------------------------------------

HTTP = [
    ("bad_json", 400),
    ("unknown_type", 400),
    ("invalid", 400),
    ("too_long", 400),
    ("forbidden", 403),
    ("rate_limited", 429),
]


def test_an_error_becomes_an_error_frame():
    frame = error_frame(RoomError("too_long", "Demasiado largo."))
    assert frame == {"type": "error", "code": "too_long", "detail": "Demasiado largo."}


def test_a_closed_room_is_forbidden_on_the_socket():
    assert error_frame(RoomNotOpen("Cerrado."))["code"] == "forbidden"


@pytest.mark.parametrize(("code", "status"), HTTP)
def test_each_code_has_its_http_status(code, status):
    assert http_error(RoomError(code, "…")).status == status


@pytest.mark.parametrize(("code", "status"), HTTP)
def test_the_api_code_is_the_protocols(code, status):
    assert http_error(RoomError(code, "…")).code == code


def test_a_closed_room_is_a_409_over_http():
    assert http_error(RoomNotOpen("Cerrado.")).status == 409


def test_a_closed_room_is_closed_over_http():
    assert http_error(RoomNotOpen("Cerrado.")).code == "closed"


def test_the_api_error_carries_the_status():
    assert api_error(RoomError("rate_limited", "Despacio.")).status_code == 429


def test_the_api_error_carries_the_code():
    assert api_error(RoomError("rate_limited", "Despacio.")).detail.code == "rate_limited"


def test_the_api_error_carries_the_detail():
    assert str(api_error(RoomError("rate_limited", "Despacio.")).detail) == "Despacio."


def _post_message(client, gathering, text: str, msg_id: str):
    url = reverse("live:api_messages", args=[gathering.pk])
    return client.post(url, {"text": text, "client_msg_id": msg_id}, content_type="application/json")


def test_http_chat_before_the_window_is_409_closed(client, world):
    gathering = _not_open(world, "before its window")
    client.force_login(world.participant)
    response = _post_message(client, gathering, "hola", "early-1")
    assert response.status_code == 409
    assert response.json()["code"] == "closed"


def test_http_chat_too_fast_is_429_rate_limited(client, world, settings):
    settings.TERTULIA_CHAT_RATE = (1, 60)
    gathering = make_gathering(world.cohort)
    client.force_login(world.participant)
    assert _post_message(client, gathering, "uno", "fast-1").status_code == 201
    response = _post_message(client, gathering, "dos", "fast-2")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_the_plain_form_shows_why_a_closed_room_refused(client, world):
    gathering = _not_open(world, "ended")
    client.force_login(world.participant)
    action = reverse("live:room_action", args=[gathering.pk])
    response = client.post(action, {"action": "chat", "text": "hola", "client_msg_id": "f-1"}, follow=True)
    assert gettext("This gathering has ended.") in response.content.decode()
    assert not RoomEvent.objects.filter(gathering=gathering).exists()


# --- the package's layers -------------------------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[2] / "live" / "room"


def _imports() -> dict[str, set[str]]:
    """Module → the sibling modules it imports, and the names it takes from them."""
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    graph: dict[str, set[str]] = {}
    for name in modules:
        edges: set[str] = set()
        for node in ast.walk(ast.parse((PACKAGE / f"{name}.py").read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "live.room":
                edges |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("live.room."):
                edges.add(node.module.removeprefix("live.room."))
        graph[name] = edges
    return graph


def _private_imports() -> list[str]:
    found = []
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("live"):
                found += [f"{path.stem}: {alias.name}" for alias in node.names if alias.name.startswith("_")]
    return found


def test_the_room_package_has_no_import_cycle():
    graph = _imports()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> list[str]:
        if name in path:
            return [" → ".join((*path, name))]
        if name in done:
            return []
        cycles = [c for edge in graph[name] for c in visit(edge, (*path, name))]
        done.add(name)
        return cycles

    assert [c for name in graph for c in visit(name, ())] == []


def test_no_module_imports_a_private_name():
    assert _private_imports() == []


def test_the_app_patches_nothing_at_start_up():
    from django.apps import AppConfig, apps

    assert type(apps.get_app_config("live")).ready is AppConfig.ready
