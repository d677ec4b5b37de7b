"""The small-groups page of a cohort in the Wagtail admin: groups, assignments (with or without JS)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from courses import services as course_services
from courses.models import CohortGroup, Enrollment
from groupwork.models import GroupSession
from tests.courses.conftest import translated
from tests.factories import enrol, make_user
from tests.groupwork.conftest import record


def groups_url(cohort, query: str = "") -> str:
    return reverse("groupwork_admin_groups", args=[cohort.pk]) + query


def assign_url(cohort) -> str:
    return reverse("groupwork_admin_assign", args=[cohort.pk])


def selects(html: str) -> dict[int, str]:
    """Enrolment id → the selected option's value, from the assignment form."""
    found = {}
    for enrollment_id, body in re.findall(r'<select name="group-for-(\d+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="(\d*)" selected', body)
        found[int(enrollment_id)] = selected.group(1) if selected else None
    return found


def group_of(enrollment) -> int | None:
    enrollment.refresh_from_db()
    return enrollment.group_id


# --- rendering and access ---------------------------------------------------------------------------------


def test_facilitator_sees_groups_and_one_select_per_participant(client, gw):
    client.force_login(gw.facilitator)
    response = client.get(groups_url(gw.cohort))
    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "wagtailadmin/generic/base.html" in templates
    html = response.content.decode()
    assert "GIA Norte" in html and "GIA Sur" in html
    # Every participant (not the observer nor the facilitator), with their current group selected.
    assert selects(html) == {
        gw.member_enrollment.pk: str(gw.north.pk),
        gw.peer_enrollment.pk: str(gw.north.pk),
        gw.other_enrollment.pk: str(gw.south.pk),
    }
    assert f'action="{assign_url(gw.cohort)}"' in html
    assert "groupwork/assign.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*[^<\s]", html.split('id="gw-assignments"')[1])


def test_facilitator_of_another_cohort_gets_404_everywhere(client, gw):
    other = make_user("otra_facilitadora")
    course_services.enrolment_add(cohort=gw.world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    client.force_login(other)
    north = gw.north.pk
    urls = [
        groups_url(gw.cohort),
        reverse("groupwork_admin_group", args=[gw.cohort.pk, north]),
        reverse("groupwork_admin_delete", args=[gw.cohort.pk, north]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        (groups_url(gw.cohort), {"new-name": "Intrusa"}),
        (assign_url(gw.cohort), {f"group-for-{gw.member_enrollment.pk}": ""}),
        (reverse("groupwork_admin_distribute", args=[gw.cohort.pk]), {}),
        (reverse("groupwork_admin_rename", args=[gw.cohort.pk, north]), {"name": "Robado"}),
        (reverse("groupwork_admin_delete", args=[gw.cohort.pk, north]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert group_of(gw.member_enrollment) == north
    assert CohortGroup.objects.filter(cohort=gw.cohort).count() == 2
    # A group id of the right cohort under another cohort's URL is not found either.
    client.force_login(gw.facilitator)
    assert client.get(reverse("groupwork_admin_group", args=[gw.cohort.pk, 999_999])).status_code == 404
    foreign = CohortGroup.objects.create(cohort=gw.world.other_cohort, name="Ajeno")
    assert client.get(reverse("groupwork_admin_delete", args=[gw.cohort.pk, foreign.pk])).status_code == 404


def test_staff_without_the_change_permission_reads_but_cannot_change(client, gw):
    client.force_login(gw.staff)
    response = client.get(groups_url(gw.cohort))
    assert response.status_code == 200
    assert selects(response.content.decode()) == {}  # no assignment form
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message.
    refused = client.post(assign_url(gw.cohort), {f"group-for-{gw.member_enrollment.pk}": ""})
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert client.post(groups_url(gw.cohort), {"new-name": "GIA staff"}).url == reverse("wagtailadmin_home")
    assert not CohortGroup.objects.filter(name="GIA staff").exists()
    assert group_of(gw.member_enrollment) == gw.north.pk


def test_cohort_listing_and_dashboard_link_to_the_groups_page(client, gw):
    client.force_login(gw.facilitator)
    listing = client.get(reverse("wagtailsnippets_courses_cohort:list")).content.decode()
    assert groups_url(gw.cohort) in listing
    assert groups_url(gw.world.other_cohort) not in listing
    dashboard = client.get(reverse("workspace_cohort_dashboard", args=[gw.cohort.pk])).content.decode()
    assert groups_url(gw.cohort) in dashboard


# --- groups ------------------------------------------------------------------------------------------------


def test_create_rename_and_delete_a_group(client, gw, first_session):
    client.force_login(gw.facilitator)
    response = client.post(groups_url(gw.cohort), {"new-name": "GIA Amazonía"})
    assert response.status_code == 302
    amazon = CohortGroup.objects.get(cohort=gw.cohort, name="GIA Amazonía")

    duplicate = client.post(groups_url(gw.cohort), {"new-name": "gia amazonía"})
    assert duplicate.status_code == 200
    assert translated("This cohort already has a group called “%(name)s”.", name="gia amazonía") in (
        duplicate.content.decode()
    )
    assert CohortGroup.objects.filter(cohort=gw.cohort).count() == 3

    rename = reverse("groupwork_admin_rename", args=[gw.cohort.pk, amazon.pk])
    assert client.post(rename, {"name": "GIA Selva"}).status_code == 302
    amazon.refresh_from_db()
    assert amazon.name == "GIA Selva"
    client.post(rename, {"name": "  "})
    amazon.refresh_from_db()
    assert amazon.name == "GIA Selva"

    delete = reverse("groupwork_admin_delete", args=[gw.cohort.pk, gw.north.pk])
    confirm = client.get(delete)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert 'method="post"' in page and "GIA Norte" in page
    assert confirm.context["members"] == 3 and confirm.context["sessions"] == 1
    assert CohortGroup.objects.filter(pk=gw.north.pk).exists()  # GET only asks
    assert client.post(delete).status_code == 302
    assert not CohortGroup.objects.filter(pk=gw.north.pk).exists()
    assert group_of(gw.member_enrollment) is None
    assert Enrollment.objects.filter(pk=gw.member_enrollment.pk).exists()


# --- assignments -------------------------------------------------------------------------------------------


def test_save_assignments_applies_every_select_at_once(client, gw):
    client.force_login(gw.facilitator)
    response = client.post(
        assign_url(gw.cohort),
        {
            f"group-for-{gw.member_enrollment.pk}": str(gw.south.pk),
            f"group-for-{gw.peer_enrollment.pk}": "",
            f"group-for-{gw.other_enrollment.pk}": str(gw.south.pk),
        },
    )
    assert response.status_code == 302
    assert group_of(gw.member_enrollment) == gw.south.pk
    assert group_of(gw.peer_enrollment) is None
    page = client.get(groups_url(gw.cohort)).content.decode()
    assert selects(page)[gw.peer_enrollment.pk] == ""


@pytest.mark.parametrize(
    "bad",
    ["foreign_enrollment", "foreign_group", "garbage_group", "garbage_key"],
)
def test_save_assignments_with_ids_of_another_cohort_changes_nothing(client, gw, bad):
    foreign_enrollment = Enrollment.objects.get(user=gw.outsider)
    foreign_group = CohortGroup.objects.create(cohort=gw.world.other_cohort, name="Ajeno")
    data = {
        f"group-for-{gw.member_enrollment.pk}": str(gw.south.pk),
        f"group-for-{gw.other_enrollment.pk}": "",
    }
    if bad == "foreign_enrollment":
        data[f"group-for-{foreign_enrollment.pk}"] = str(gw.north.pk)
    elif bad == "foreign_group":
        data[f"group-for-{gw.peer_enrollment.pk}"] = str(foreign_group.pk)
    elif bad == "garbage_group":
        data[f"group-for-{gw.peer_enrollment.pk}"] = "'; DROP TABLE"
    else:
        data["group-for-abc"] = ""
    client.force_login(gw.facilitator)
    response = client.post(assign_url(gw.cohort), data, follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.level_tag == "error" for m in response.context["messages"]), messages
    assert group_of(gw.member_enrollment) == gw.north.pk
    assert group_of(gw.other_enrollment) == gw.south.pk
    assert group_of(foreign_enrollment) is None


def test_distribute_button_places_the_ungrouped(client, gw):
    newcomers = [enrol(make_user(f"nuevo{i}", first_name=f"Nuevo {i}"), gw.cohort) for i in range(3)]
    client.force_login(gw.facilitator)
    page = client.get(groups_url(gw.cohort)).content.decode()
    assert translated("Distribute ungrouped participants evenly") in page
    response = client.post(reverse("groupwork_admin_distribute", args=[gw.cohort.pk]))
    assert response.status_code == 302
    groups = [group_of(e) for e in newcomers]
    assert groups == [gw.south.pk, gw.north.pk, gw.south.pk]  # south had 1, north 2; ties go to north


def test_filter_and_sort_participants_by_name_and_group(client, gw):
    enrol(make_user("aurora", first_name="Aurora", last_name="Huamán"), gw.cohort)
    client.force_login(gw.facilitator)
    filtered = client.get(groups_url(gw.cohort, "?q=quispe")).content.decode()
    assert list(selects(filtered)) == [gw.peer_enrollment.pk]
    by_name = re.findall(r'data-participant="([^"]+)"', client.get(groups_url(gw.cohort)).content.decode())
    assert by_name == ["aurora", "participante", "companera", "del_sur"]  # Aurora, Participante, Rosa, Zoila
    by_group = re.findall(
        r'data-participant="([^"]+)"', client.get(groups_url(gw.cohort, "?sort=group")).content.decode()
    )
    assert by_group == ["participante", "companera", "del_sur", "aurora"]  # north, south, then ungrouped
    assert client.get(groups_url(gw.cohort, "?sort=evil&q=" + "x" * 500)).status_code == 200


def test_the_groups_page_runs_a_bounded_number_of_queries(client, gw, django_assert_max_num_queries):
    client.force_login(gw.facilitator)
    client.get(groups_url(gw.cohort))
    with django_assert_max_num_queries(19):
        client.get(groups_url(gw.cohort))
    for i in range(40):
        enrol(make_user(f"extra{i}"), gw.cohort, group=gw.south if i % 2 else None)
    for i in range(3):
        CohortGroup.objects.create(cohort=gw.cohort, name=f"Más {i}")
    record(gw)
    with django_assert_max_num_queries(19):  # measured: 17, whatever the number of groups and people
        response = client.get(groups_url(gw.cohort))
    assert len(selects(response.content.decode())) == 43


def test_the_work_of_a_group_reads_in_the_admin(client, gw, first_session):
    client.force_login(gw.facilitator)
    response = client.get(reverse("groupwork_admin_group", args=[gw.cohort.pk, gw.north.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leer el capítulo 2" in html
    assert reverse("groupwork:session", args=[gw.cohort.pk, gw.north.pk, first_session.pk]) in html
    assert GroupSession.objects.count() == 1
