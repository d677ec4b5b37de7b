"""Issuing (idempotent, concurrent-safe, with a snapshot) and revoking certificates; the codes."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from certificates import selectors, services
from certificates.models import CODE_ALPHABET, Certificate, new_certificate_code, normalise_code
from courses.models import Enrollment
from tests.certificates.conftest import complete, set_criteria
from tests.factories import enrol, make_user

# --- codes --------------------------------------------------------------------------------------------------


def test_codes_are_long_grouped_and_random():
    codes = {new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(rf"([{CODE_ALPHABET}]{{4}}-){{4}}[{CODE_ALPHABET}]{{4}}", code)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7KQ2-M9XD-A1B2-C3D4-E5F6", "7KQ2-M9XD-A1B2-C3D4-E5F6"),
        ("7kq2 m9xd a1b2 c3d4 e5f6", "7KQ2-M9XD-A1B2-C3D4-E5F6"),
        ("7KQ2M9XDA1B2C3D4E5F6", "7KQ2-M9XD-A1B2-C3D4-E5F6"),
        ("7KQ2-M9XD-AIB2-C3D4-E5FO", "7KQ2-M9XD-A1B2-C3D4-E5F0"),  # I → 1, O → 0, as Crockford reads them
        ("7KQ2-M9XD", None),
        ("7KQ2-M9XD-A1B2-C3D4-E5F6-Z", None),
        ("7KQ2-M9XD-A1B2-C3D4-E5FU", None),  # U is not in the alphabet
        ("<script>alert(1)</script>", None),
        ("", None),
    ],
)
def test_normalise_code(typed, expected):
    assert normalise_code(typed) == expected


# --- issuing one --------------------------------------------------------------------------------------------


def test_issue_keeps_a_snapshot(world, qualified, admin_facilitator):
    world.participant.first_name, world.participant.last_name = "José", "Ñandú Pérez"
    world.participant.save()
    certificate, created = services.certificate_issue(
        cohort=world.cohort, user=world.participant, issued_by=admin_facilitator
    )
    assert created
    assert certificate.full_name == "José Ñandú Pérez"
    assert certificate.course_title == world.tree.course.title
    assert certificate.cohort_name == world.cohort.name
    assert (certificate.starts_on, certificate.ends_on) == (world.cohort.starts_on, world.cohort.ends_on)
    assert certificate.hours == world.tree.course.hours == 10
    assert certificate.facilitators == ["Facilitadora Test"]
    assert certificate.language == "es"
    assert certificate.issued_by == admin_facilitator
    assert normalise_code(certificate.code) == certificate.code

    # Later changes do not change what was certified.
    world.participant.first_name = "Otro"
    world.participant.save()
    world.tree.course.title = "Título nuevo"
    world.tree.course.save()
    certificate.refresh_from_db()
    assert certificate.full_name == "José Ñandú Pérez"
    assert certificate.course_title != "Título nuevo"


def test_english_course_certificates_are_in_english(world, qualified):
    world.tree.course.language = "en"
    world.tree.course.save()
    certificate, _created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    assert certificate.language == "en"


def test_issuing_twice_returns_the_same_certificate(world, qualified):
    first, created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    second, created_again = services.certificate_issue(cohort=world.cohort, user=world.participant)
    assert created and not created_again
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


def test_a_concurrent_issue_finds_the_row_the_other_one_wrote(world, qualified, monkeypatch):
    """Two requests read "no certificate yet"; the unique constraint lets only one row in."""
    real = selectors.certificate_eligibility

    def stale(**kwargs):
        result = real(**kwargs)
        result.certificate = None  # as read before the other request committed
        return result

    winner, _created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    monkeypatch.setattr(services.selectors, "certificate_eligibility", stale)
    loser, created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    assert not created and loser.pk == winner.pk
    assert Certificate.objects.count() == 1


def test_the_database_refuses_a_second_certificate_per_member(world, qualified):
    certificate, _created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            cohort=world.cohort,
            user=world.participant,
            full_name="x",
            course_title="x",
            cohort_name="x",
            starts_on=certificate.starts_on,
            ends_on=certificate.ends_on,
        )


def test_who_does_not_qualify_gets_a_clear_error(world, enrollment):
    complete(enrollment, world.tree.all_lessons[:1])
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(cohort=world.cohort, user=world.participant)
    assert error.value.code == "not_eligible"
    assert not Certificate.objects.exists()


def test_non_members_and_non_participants_get_no_certificate(world):
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(cohort=world.cohort, user=world.outsider)
    assert error.value.code == "not_member"
    complete(Enrollment.objects.get(user=world.facilitator, cohort=world.cohort), world.tree.all_lessons)
    with pytest.raises(ValidationError):
        services.certificate_issue(cohort=world.cohort, user=world.facilitator)
    assert not Certificate.objects.exists()


def test_only_the_cohort_facilitators_and_staff_issue(world, qualified):
    other = make_user("otra")
    enrol(other, world.other_cohort, Enrollment.Role.FACILITATOR)
    for person in (other, world.participant, world.observer):
        with pytest.raises(PermissionDenied):
            services.certificate_issue(cohort=world.cohort, user=world.participant, issued_by=person)
    _certificate, created = services.certificate_issue(
        cohort=world.cohort, user=world.participant, issued_by=world.staff
    )
    assert created


# --- the whole cohort ---------------------------------------------------------------------------------------


def test_issue_for_cohort_twice_issues_once(world, qualified):
    peer = make_user("companera")
    complete(enrol(peer, world.cohort), world.tree.all_lessons)
    enrol(make_user("rezagada"), world.cohort)

    dry = services.certificates_issue_for_cohort(cohort=world.cohort, dry_run=True)
    assert dry.count == 2 and dry.issued == [] and not Certificate.objects.exists()

    report = services.certificates_issue_for_cohort(cohort=world.cohort, issued_by=world.facilitator)
    assert sorted(c.user.username for c in report.issued) == ["companera", "participante"]
    assert (report.already, report.not_yet) == (0, 1)

    again = services.certificates_issue_for_cohort(cohort=world.cohort)
    assert (again.count, again.already, again.not_yet) == (0, 2, 1)
    assert Certificate.objects.filter(cohort=world.cohort).count() == 2


def test_issue_for_cohort_skips_rows_written_meanwhile(world, qualified, monkeypatch):
    """bulk_create ignores the conflicting row and reports only what this call created."""
    real = selectors.cohort_eligibility

    def stale(**kwargs):
        rows = real(**kwargs)
        for row in rows:
            row.certificate = None
        return rows

    services.certificate_issue(cohort=world.cohort, user=world.participant)
    monkeypatch.setattr(services.selectors, "cohort_eligibility", stale)
    report = services.certificates_issue_for_cohort(cohort=world.cohort)
    assert report.issued == [] and report.already == 1
    assert Certificate.objects.count() == 1


def test_issue_for_cohort_with_a_facilitator_of_another_cohort_is_refused(world, qualified):
    with pytest.raises(PermissionDenied):
        services.certificates_issue_for_cohort(cohort=world.cohort, issued_by=world.outsider)
    assert not Certificate.objects.exists()


def test_bulk_issue_keeps_the_same_snapshot_as_one_by_one(world, qualified):
    report = services.certificates_issue_for_cohort(cohort=world.cohort)
    certificate = report.issued[0]
    assert certificate.full_name == "Participante Test"
    assert certificate.facilitators == ["Facilitadora Test"]
    assert certificate.hours == 10


# --- revoking -----------------------------------------------------------------------------------------------


@pytest.fixture
def certificate(world, qualified) -> Certificate:
    return services.certificate_issue(cohort=world.cohort, user=world.participant)[0]


def test_revoke_with_a_reason(world, certificate, admin_facilitator):
    revoked = services.certificate_revoke(
        certificate=certificate, by=admin_facilitator, reason="  Error de matrícula "
    )
    assert revoked.is_revoked and revoked.revoked_by == admin_facilitator
    assert revoked.revocation_reason == "Error de matrícula"
    first_date = revoked.revoked_at
    again = services.certificate_revoke(certificate=certificate, by=admin_facilitator, reason="Otra razón")
    assert again.revoked_at == first_date and again.revocation_reason == "Error de matrícula"


@pytest.mark.parametrize(
    ("reason", "code"), [("", "reason_required"), ("   ", "reason_required"), ("x" * 1001, "too_long")]
)
def test_revoke_needs_a_reasonable_reason(world, certificate, admin_facilitator, reason, code):
    with pytest.raises(ValidationError) as error:
        services.certificate_revoke(certificate=certificate, by=admin_facilitator, reason=reason)
    assert error.value.code == code
    certificate.refresh_from_db()
    assert not certificate.is_revoked


@pytest.mark.parametrize("who", ["participant", "observer", "outsider"])
def test_only_managers_revoke(world, certificate, who):
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, by=getattr(world, who), reason="No")
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_revoked_certificate_is_not_issued_again(world, certificate, admin_facilitator):
    services.certificate_revoke(certificate=certificate, by=admin_facilitator, reason="Plagio")
    report = services.certificates_issue_for_cohort(cohort=world.cohort)
    assert report.issued == [] and report.already == 1
    again, created = services.certificate_issue(cohort=world.cohort, user=world.participant)
    assert not created and again.is_revoked


def test_criteria_update_validates_its_input(world, admin_facilitator):
    course = world.tree.course
    criteria = services.criteria_update(
        course=course,
        by=admin_facilitator,
        enabled=True,
        required_lessons=world.tree.all_lessons[:2],
        min_reflections_percent=50,
        min_attendance_percent=75,
    )
    assert set(criteria.required_lessons.all()) == set(world.tree.all_lessons[:2])
    good = {
        "enabled": True,
        "required_lessons": [],
        "min_reflections_percent": 0,
        "min_attendance_percent": 0,
    }
    with pytest.raises(ValidationError):
        services.criteria_update(
            course=course, by=admin_facilitator, **{**good, "min_attendance_percent": 101}
        )
    with pytest.raises(ValidationError):
        services.criteria_update(
            course=course, by=admin_facilitator, **{**good, "min_reflections_percent": -1}
        )
    with pytest.raises(ValidationError):
        services.criteria_update(
            course=course, by=admin_facilitator, **{**good, "required_lessons": world.other_tree.all_lessons}
        )
    with pytest.raises(PermissionDenied):
        services.criteria_update(course=course, by=world.outsider, **good)
    with pytest.raises(PermissionDenied):
        services.criteria_update(course=course, by=world.participant, **good)
    criteria.refresh_from_db()
    assert (criteria.min_reflections_percent, criteria.min_attendance_percent) == (50, 75)


def test_set_criteria_helper_matches_the_service(world, qualified):
    set_criteria(world.tree.course, reflections=100)
    assert not selectors.certificate_eligibility(cohort=world.cohort, user=world.participant).eligible
