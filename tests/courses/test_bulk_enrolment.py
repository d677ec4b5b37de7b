"""Bulk enrolment from CSV: dry run row by row, then all or nothing; malformed files refused clearly."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import bulk_enrolment, services
from courses.bulk_enrolment import Status
from courses.models import CohortGroup, Enrollment, EnrolmentImport
from tests.factories import make_user

User = get_user_model()

GOOD = (
    "name,email,group,role\n"
    "María Quispe Mamani,maria@example.org,GIA Norte,participant\n"
    "Núñez Peña,nunez@example.org,,participante\n"
    "Ya Tiene Cuenta,vieja@example.org,,\n"
    "Participante Inscrita,participante@example.org,,\n"
    "Otra Vez María,MARIA@example.org,,\n"
)


@pytest.fixture
def facilitator(world):
    services.enrolment_add(cohort=world.cohort, user=world.facilitator, role=Enrollment.Role.FACILITATOR)
    CohortGroup.objects.create(cohort=world.cohort, name="GIA Norte")
    make_user("vieja", email="Vieja@Example.org")
    return world.facilitator


def upload(client, cohort, content: bytes | str, name="gente.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("courses_cohort_bulk_enrol", args=[cohort.pk]), {"file": SimpleUploadedFile(name, data)}
    )


def plan_for(cohort, content: bytes | str, by):
    data = content.encode() if isinstance(content, str) else content
    enrolment_import = bulk_enrolment.enrolment_import_create(
        cohort=cohort, data=data, filename="x.csv", by=by
    )
    return enrolment_import, bulk_enrolment.enrolment_import_plan(enrolment_import=enrolment_import)


def statuses(plan) -> list[str]:
    return [str(r.status) for r in plan.rows]


# --- the dry run ----------------------------------------------------------------------------------------


def test_the_dry_run_says_what_happens_to_each_row_and_changes_nothing(client, world, facilitator):
    client.force_login(facilitator)
    before = Enrollment.objects.count(), User.objects.count()
    response = upload(client, world.cohort, GOOD)
    assert response.status_code == 302
    review = client.get(response["Location"])
    page = review.content.decode()
    assert [str(r.status) for r in review.context["plan"].rows] == [
        Status.NEW_USER,
        Status.NEW_USER,
        Status.EXISTING_USER,
        Status.ALREADY_ENROLLED,
        Status.DUPLICATE_ROW,
    ]
    assert 'data-status="duplicate_row"' in page and "Confirmar" in page
    assert (Enrollment.objects.count(), User.objects.count()) == before


@pytest.mark.parametrize(
    ("row", "status"),
    [
        ("Sin Arroba,correo-malo,,", Status.INVALID_EMAIL),
        (",nadie@example.org,,", Status.MISSING_NAME),
        ("Grupo Raro,raro@example.org,GIA Inexistente,", Status.UNKNOWN_GROUP),
        ("Rol Raro,rol@example.org,,directora", Status.UNKNOWN_ROLE),
    ],
)
def test_rows_with_errors_block_the_whole_file(client, world, facilitator, row, status):
    enrolment_import, plan = plan_for(world.cohort, GOOD + row + "\n", facilitator)
    assert statuses(plan)[-1] == status
    assert not plan.can_apply
    before = Enrollment.objects.count(), User.objects.count()
    with pytest.raises(ValidationError):
        bulk_enrolment.enrolment_import_apply(enrolment_import=enrolment_import, by=facilitator)
    # The confirm button is not offered; a forced POST changes nothing either.
    client.force_login(facilitator)
    url = reverse("courses_cohort_bulk_enrol_review", args=[world.cohort.pk, enrolment_import.pk])
    assert "Confirmar" not in client.get(url).content.decode()
    client.post(url)
    assert (Enrollment.objects.count(), User.objects.count()) == before
    assert EnrolmentImport.objects.get(pk=enrolment_import.pk).applied_at is None


def test_two_accounts_with_one_e_mail_are_not_guessed_between(world, facilitator):
    make_user("gemela1", email="gemela@example.org")
    make_user("gemela2", email="GEMELA@example.org")
    _import, plan = plan_for(world.cohort, "name,email\nGemela,gemela@example.org\n", facilitator)
    assert statuses(plan) == [Status.AMBIGUOUS_EMAIL]


# --- applying ---------------------------------------------------------------------------------------------


def test_confirming_enrols_everyone_and_sends_set_password_e_mails(
    client, world, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    review_url = upload(client, world.cohort, GOOD)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url)
    assert response.status_code == 302
    maria = User.objects.get(email="maria@example.org")
    assert (maria.first_name, maria.last_name, maria.has_usable_password()) == (
        "María",
        "Quispe Mamani",
        False,
    )
    enrollment = Enrollment.objects.get(user=maria, cohort=world.cohort)
    assert (enrollment.role, enrollment.group.name) == ("participant", "GIA Norte")
    assert Enrollment.objects.filter(cohort=world.cohort, user__username="vieja").exists()
    assert Enrollment.objects.filter(cohort=world.cohort, user__email="participante@example.org").count() == 1
    # New accounts only get the set-your-password e-mail, in the course's language.
    assert sorted(m.to[0] for m in mail.outbox) == ["maria@example.org", "nunez@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    assert "contraseña" in mail.outbox[0].subject.lower()
    # The link lets the new person choose a password and sign in.
    client.logout()
    path = link[link.index("/accounts/reset/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Tertulia-2026!", "new_password2": "Tertulia-2026!"},
    )
    assert client.login(
        username=User.objects.get(email="maria@example.org").username, password="Tertulia-2026!"
    )


def test_confirming_twice_changes_nothing_the_second_time(client, world, facilitator):
    client.force_login(facilitator)
    review_url = upload(client, world.cohort, GOOD)["Location"]
    client.post(review_url)
    counts = Enrollment.objects.count(), User.objects.count()
    client.post(review_url)
    assert (Enrollment.objects.count(), User.objects.count()) == counts


def test_it_is_all_or_nothing_when_something_fails_midway(world, facilitator, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "facilitator_permissions_sync", explode)
    content = GOOD + "Co Facilitadora,cofa@example.org,,facilitadora\n"
    enrolment_import, plan = plan_for(world.cohort, content, facilitator)
    assert plan.can_apply
    before = Enrollment.objects.count(), User.objects.count()
    with pytest.raises(RuntimeError):
        bulk_enrolment.enrolment_import_apply(enrolment_import=enrolment_import, by=facilitator)
    assert (Enrollment.objects.count(), User.objects.count()) == before


def test_capacity_is_respected(world, facilitator):
    world.cohort.capacity = 2
    world.cohort.save()
    _import, plan = plan_for(world.cohort, GOOD, facilitator)
    assert "capacidad para 2 participantes" in plan.problems[0]
    assert not plan.can_apply


# --- malformed files ----------------------------------------------------------------------------------


def test_latin_1_and_utf_8_with_bom_and_semicolons_are_all_read(world, facilitator):
    text = "nombre;correo;grupo;rol\nMaría Núñez;maria@example.org;GIA Norte;participante\n"
    for data in (text.encode("latin-1"), text.encode("cp1252"), ("\ufeff" + text).encode("utf-8")):
        _import, plan = plan_for(world.cohort, data, facilitator)
        assert [(r.name, r.group.name, str(r.status)) for r in plan.rows] == [
            ("María Núñez", "GIA Norte", Status.NEW_USER)
        ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vac"),
        (b"   \n\n", "vac"),
        (b"name,email\n", "nadie"),
        (b"nombre,telefono\nAna,999\n", "email"),
        (b"email\nana@example.org\n", "name"),
        (b"PK\x03\x04\x00\x00binary", "csv"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(client, world, facilitator, content, message):
    client.force_login(facilitator)
    response = upload(client, world.cohort, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"]).lower()
    assert message in errors
    assert EnrolmentImport.objects.count() == 0


def test_ten_thousand_rows(world, facilitator, django_assert_max_num_queries):
    rows = "".join(f"Persona {n},persona{n}@example.org,GIA Norte,\n" for n in range(10_000))
    enrolment_import = bulk_enrolment.enrolment_import_create(
        cohort=world.cohort,
        data=("name,email,group,role\n" + rows).encode(),
        filename="big.csv",
        by=facilitator,
    )
    with django_assert_max_num_queries(40):
        plan = bulk_enrolment.enrolment_import_plan(enrolment_import=enrolment_import)
    assert plan.can_apply and len(plan.to_enrol) == 10_000
    result = bulk_enrolment.enrolment_import_apply(enrolment_import=enrolment_import, by=facilitator)
    assert (result.enrolled, result.created_users) == (10_000, 10_000)
    assert Enrollment.objects.filter(cohort=world.cohort, group__name="GIA Norte").count() == 10_000


# --- access --------------------------------------------------------------------------------------------


def test_only_the_cohorts_facilitators_and_staff_reach_it(client, world, facilitator):
    url = reverse("courses_cohort_bulk_enrol", args=[world.cohort.pk])
    other = make_user("otra")
    services.enrolment_add(cohort=world.other_cohort, user=other, role=Enrollment.Role.FACILITATOR)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert upload(client, world.cohort, GOOD).status_code == 404
    client.force_login(world.participant)
    assert client.get(url).status_code == 302  # no admin access at all
    client.force_login(facilitator)
    assert client.get(url).status_code == 200
    template = client.get(url + "?template=1")
    assert template.content.startswith("\ufeffname,email,group,role".encode())
    # An import of one cohort cannot be reviewed or applied through another.
    enrolment_import, _plan = plan_for(world.cohort, GOOD, facilitator)
    client.force_login(other)
    url = reverse("courses_cohort_bulk_enrol_review", args=[world.other_cohort.pk, enrolment_import.pk])
    assert client.get(url).status_code == 404
