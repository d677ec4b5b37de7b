"""The group page on the participant site: what members see, recording a session, the work plan, comments."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from groupwork.models import Commitment, CommitmentStatus, GroupSession, SessionComment, WorkPlan
from groupwork.services import NewCommitment, work_plan_update
from tests.courses.conftest import translated
from tests.groupwork.conftest import days_ago, record


def group_url(gw, group=None) -> str:
    group = group or gw.north
    return reverse("groupwork:group", args=[group.cohort_id, group.pk])


def new_session_url(gw) -> str:
    return reverse("groupwork:session_new", args=[gw.cohort.pk, gw.north.pk])


def session_form_data(gw, **overrides) -> dict:
    data = {
        "client_token": str(uuid.uuid4()),
        "held_on": days_ago(gw.cohort, 1).isoformat(),
        "attendees": [str(gw.member_enrollment.pk), str(gw.peer_enrollment.pk)],
        "record": "Conversamos sobre la lectura.",
        "commitments-TOTAL_FORMS": "3",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "20",
        "commitments-0-text": "Traer una pregunta",
        "commitments-0-owner": str(gw.peer_enrollment.pk),
        "commitments-0-due_on": "",
        "commitments-1-text": "",
        "commitments-1-owner": "",
        "commitments-1-due_on": "",
        "commitments-2-text": "",
        "commitments-2-owner": "",
        "commitments-2-due_on": "",
    }
    data.update(overrides)
    return data


def test_the_group_page_shows_members_plan_open_commitments_and_sessions(client, gw, first_session):
    work_plan_update(group=gw.north, by=gw.member, purpose="Transformar las reuniones", rhythm="Cada martes")
    client.force_login(gw.member)
    response = client.get(group_url(gw))
    assert response.status_code == 200
    html = response.content.decode()
    assert "GIA Norte" in html
    assert "Rosa Quispe" in html and "Zoila" not in html  # members of this group only
    assert "Transformar las reuniones" in html and "Cada martes" in html
    assert "Proponer una tertulia en la reunión de red" in html
    assert f'id="session-{first_session.pk}"' in html
    assert reverse("groupwork:session_new", args=[gw.cohort.pk, gw.north.pk]) in html
    assert reverse("groupwork:plan", args=[gw.cohort.pk, gw.north.pk]) in html


def test_the_session_form_opens_with_the_last_sessions_commitments(client, gw, first_session):
    client.force_login(gw.peer)
    response = client.get(new_session_url(gw))
    assert response.status_code == 200
    html = response.content.decode()
    for commitment in first_session.commitments_made.all():
        assert commitment.text in html
        # Each one is reviewed with a radio group that starts on "still pending".
        assert re.search(rf'name="review_{commitment.pk}" value="pending"[^>]*checked', html)
    assert 'name="client_token"' in html
    assert html.count('name="attendees"') == 3  # member, peer, observer of the group


def test_recording_a_session_reviews_commitments_and_adds_new_ones(client, gw, first_session):
    peers, whole_group, mine = first_session.commitments_made.order_by("pk")
    client.force_login(gw.member)
    data = session_form_data(
        gw,
        **{
            f"review_{peers.pk}": "done",
            f"review_{whole_group.pk}": "pending",
            f"review_{mine.pk}": "dropped",
        },
    )
    response = client.post(new_session_url(gw), data)
    session = GroupSession.objects.exclude(pk=first_session.pk).get()
    assert response.status_code == 302
    assert response.url == f"{group_url(gw)}#session-{session.pk}"
    assert dict(Commitment.objects.values_list("text", "status")) == {
        "Proponer una tertulia en la reunión de red": CommitmentStatus.DONE,
        "Leer el capítulo 2": CommitmentStatus.PENDING,
        "Preguntar a dos directores": CommitmentStatus.DROPPED,
        "Traer una pregunta": CommitmentStatus.PENDING,
    }
    assert session.recorded_by == gw.member

    # Sending the same form again (double tap on a slow connection) records nothing more.
    again = client.post(new_session_url(gw), data)
    assert again.status_code == 302 and again.url == response.url
    assert GroupSession.objects.count() == 2
    assert Commitment.objects.count() == 4

    page = client.get(group_url(gw)).content.decode()
    assert translated("Carried over") in page  # the second session carried the whole group's reading


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"record": ""}, None),
        (
            {"held_on": "2999-01-01"},
            "A session is recorded after it happens: the date cannot be in the future.",
        ),
        ({"held_on": "no es fecha"}, None),
        ({"attendees": []}, None),
        ({"attendees": ["999999"]}, "Only members of this group can be marked as attending."),
        ({"commitments-0-owner": "999999"}, None),
        ({"commitments-0-text": "", "commitments-0-due_on": "2026-01-01"}, "Each commitment needs its text."),
    ],
)
def test_bad_input_shows_the_form_again_and_saves_nothing(client, gw, overrides, message):
    client.force_login(gw.member)
    response = client.post(new_session_url(gw), session_form_data(gw, **overrides))
    assert response.status_code == 200
    assert not GroupSession.objects.exists() and not Commitment.objects.exists()
    html = response.content.decode()
    assert 'role="alert"' in html
    if message:
        assert translated(message) in html
    assert "Conversamos sobre la lectura." in html or overrides.get("record") == ""


def test_an_attendee_of_another_group_is_refused_by_the_service(client, gw):
    """Even if the form's choices were bypassed, the service refuses and the form says why."""
    client.force_login(gw.member)
    data = session_form_data(gw, attendees=[str(gw.member_enrollment.pk), str(gw.other_enrollment.pk)])
    response = client.post(new_session_url(gw), data)
    assert response.status_code == 200
    assert translated("Only members of this group can be marked as attending.") in response.content.decode()
    assert not GroupSession.objects.exists()


def test_more_rows_without_javascript_saves_nothing(client, gw):
    client.force_login(gw.member)
    response = client.post(new_session_url(gw), session_form_data(gw, more_rows="1"))
    assert response.status_code == 200
    assert not GroupSession.objects.exists()
    html = response.content.decode()
    assert 'name="commitments-5-text"' in html and 'name="commitments-6-text"' not in html
    assert "Traer una pregunta" in html  # what was typed is kept


def test_members_edit_the_work_plan(client, gw):
    client.force_login(gw.peer)
    url = reverse("groupwork:plan", args=[gw.cohort.pk, gw.north.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"purpose": "Nuestro propósito", "rhythm": "Quincenal"})
    assert response.status_code == 302
    assert WorkPlan.objects.get(group=gw.north).rhythm == "Quincenal"
    bad = client.post(url, {"purpose": "x", "rhythm": "y" * 300})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    assert WorkPlan.objects.get(group=gw.north).rhythm == "Quincenal"


def test_facilitators_comment_on_a_session_and_members_read_it(client, gw, first_session):
    url = reverse("groupwork:session", args=[gw.cohort.pk, gw.north.pk, first_session.pk])
    client.force_login(gw.facilitator)
    form = client.get(url)
    assert form.status_code == 200 and 'id="comment-form"' in form.content.decode()
    token = str(uuid.uuid4())
    response = client.post(url, {"body": "¡Qué buen acuerdo!", "client_token": token})
    assert response.status_code == 302
    client.post(url, {"body": "¡Qué buen acuerdo!", "client_token": token})
    assert SessionComment.objects.count() == 1
    empty = client.post(url, {"body": "   ", "client_token": str(uuid.uuid4())})
    assert empty.status_code == 200 and SessionComment.objects.count() == 1
    client.force_login(gw.member)
    assert "¡Qué buen acuerdo!" in client.get(group_url(gw)).content.decode()


def test_a_session_of_another_group_is_not_found_under_this_group(client, gw):
    session = record(gw)
    client.force_login(gw.other_group)
    assert (
        client.get(reverse("groupwork:session", args=[gw.cohort.pk, gw.south.pk, session.pk])).status_code
        == 404
    )
    client.force_login(gw.member)
    assert (
        client.get(reverse("groupwork:session", args=[gw.cohort.pk, gw.south.pk, session.pk])).status_code
        == 404
    )


def test_members_find_their_group_from_the_cohort_page_and_my_learning(client, gw):
    client.force_login(gw.member)
    for url in (reverse("workspace:cohort", args=[gw.cohort.pk]), reverse("workspace:my_learning")):
        assert group_url(gw) in client.get(url).content.decode(), url
    client.force_login(gw.world.outsider)
    assert "/groups/" not in client.get(reverse("workspace:my_learning")).content.decode()


def test_facilitators_find_every_group_from_the_cohort_page(client, gw):
    client.force_login(gw.facilitator)
    html = client.get(reverse("workspace:cohort", args=[gw.cohort.pk])).content.decode()
    assert group_url(gw) in html and group_url(gw, gw.south) in html
    assert reverse("groupwork_admin_groups", args=[gw.cohort.pk]) in html


def test_the_page_is_in_spanish(client, gw, first_session):
    client.force_login(gw.member)
    response = client.get(group_url(gw))
    html = response.content.decode()
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in html
    with translation.override("es"):
        from django.utils.formats import date_format

        assert date_format(first_session.held_on) in html  # e.g. "15 de noviembre de 2026"
    for msgid in ("Work plan", "Open commitments", "Record a session"):
        assert translated(msgid) in html
    assert translated("Still pending: carry it over") in client.get(new_session_url(gw)).content.decode()


def test_the_page_works_without_javascript_and_is_light(client, gw, first_session, settings):
    settings.WHITENOISE_USE_FINDERS = True
    client.force_login(gw.member)
    for url in (group_url(gw), new_session_url(gw)):
        html = client.get(url).content
        assert not re.search(rb"<script(?![^>]*\bsrc=)", html), url  # no inline scripts (strict CSP)
        assets = set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html))
        weight = len(html) + sum(len(b"".join(client.get(a.decode()).streaming_content)) for a in assets)
        assert weight <= 100_000, (url, weight)


# --- query budget -----------------------------------------------------------------------------------------


def _many_sessions(gw, count: int) -> None:
    for n in range(count):
        session = record(
            gw,
            days=9 - (n * 9) // max(count, 1),
            new_commitments=[NewCommitment(text=f"Compromiso {n}", owner=gw.peer_enrollment.pk)],
        )
        SessionComment.objects.create(session=session, author=gw.facilitator, body=f"Comentario {n}")


@pytest.mark.parametrize("sessions", [2, 25])
def test_the_group_page_runs_a_bounded_number_of_queries(client, gw, django_assert_max_num_queries, sessions):
    _many_sessions(gw, sessions)
    client.force_login(gw.member)
    client.get(group_url(gw))  # warm caches (site root, content types)
    with django_assert_max_num_queries(20):  # measured: 18, whatever the number of sessions
        response = client.get(group_url(gw))
    assert response.status_code == 200
    assert len(response.context["work"].sessions) == min(sessions, 10)


def test_sessions_are_paged_newest_first(client, gw):
    _many_sessions(gw, 12)
    client.force_login(gw.member)
    first_page = client.get(group_url(gw)).context["work"]
    second_page = client.get(group_url(gw) + "?page=2").context["work"]
    assert [s.number for s in first_page.sessions] == list(range(12, 2, -1))
    assert [s.number for s in second_page.sessions] == [2, 1]
    assert client.get(group_url(gw) + "?page=abc").status_code == 200
    assert client.get(group_url(gw) + "?page=999").context["work"].page == 2
