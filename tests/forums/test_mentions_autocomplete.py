"""The @mention autocomplete endpoint: only the members one may mention there, access-checked."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import enrol, make_user


def names(response) -> list[str]:
    assert response.status_code == 200
    return [m["username"] for m in response.json()["members"]]


def test_cohort_members_matching_the_start_of_a_name(client, forum):
    w = forum.world
    client.force_login(w.participant)
    url = reverse("forums:members_json", args=[w.cohort.pk])
    assert set(names(client.get(url))) == {"facilitadora", "observadora", "integrante"}  # not oneself
    assert names(client.get(url, {"q": "fac"})) == ["facilitadora"]
    assert names(client.get(url, {"q": "@Obs"})) == ["observadora"]  # case-insensitive, "@" ignored
    assert names(client.get(url, {"q": "Integ"})) == ["integrante"]  # by first name too
    assert names(client.get(url, {"q": "ajena"})) == []  # another cohort's member


def test_group_space_offers_its_members_and_the_facilitators(client, forum):
    w = forum.world
    client.force_login(forum.group_member)
    url = reverse("forums:members_json", args=[w.cohort.pk])
    assert set(names(client.get(url, {"space": forum.group_space.pk}))) == {"facilitadora"}
    mate = make_user("companera")
    enrol(mate, w.cohort, group=forum.group)
    assert set(names(client.get(url, {"space": forum.group_space.pk}))) == {"facilitadora", "companera"}


def test_refusals_are_404(client, forum):
    w = forum.world
    url = reverse("forums:members_json", args=[w.cohort.pk])
    client.force_login(w.outsider)
    assert client.get(url).status_code == 404
    client.force_login(w.participant)  # not in the small group
    assert client.get(url, {"space": forum.group_space.pk}).status_code == 404
    assert client.get(url, {"space": forum.other_space.pk}).status_code == 404  # another cohort's space
    client.force_login(w.observer)  # observers read, they do not write
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_results_are_bounded_and_json_escapes_names(client, forum, django_assert_max_num_queries):
    w = forum.world
    for i in range(30):
        enrol(make_user(f"voz{i:02d}", first_name="<b>Voz</b>"), w.cohort)
    client.force_login(w.participant)
    url = reverse("forums:members_json", args=[w.cohort.pk])
    with django_assert_max_num_queries(6):
        response = client.get(url, {"q": "voz"})
    members = response.json()["members"]
    assert len(members) == 8 and members[0]["name"].startswith("<b>Voz</b>")
    assert response["Content-Type"] == "application/json"


def test_post_forms_carry_the_autocomplete_hook(client, forum):
    w = forum.world
    client.force_login(w.participant)
    page = client.get(forum.thread.get_absolute_url()).text
    hook = reverse("forums:members_json", args=[w.cohort.pk]) + f"?space={forum.cohort_space.pk}"
    assert f'data-mentions-url="{hook}"' in page and "forums/mentions.js" in page
    assert f'data-mentions-url="{hook}"' in client.get(forum.cohort_space.get_absolute_url()).text
