"""Bulk enrolment from a CSV file (name, e-mail, group, role): a dry run, then all or nothing.

The dry run (``enrolment_import_plan``) says row by row what would happen; applying
(``enrolment_import_apply``) plans again inside one transaction and refuses if any row has an error,
so the cohort changes completely or not at all. A confirmed import is marked applied in the same
transaction: confirming twice (double submit, back button) changes nothing the second time.

Files saved by Excel in Spanish come as UTF-8 with a BOM or as Windows-1252/Latin-1, separated by
commas or semicolons; all are accepted. Headers may be in English or Spanish.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses import services
from courses.models import Cohort, CohortGroup, Enrollment, EnrolmentImport
from lms.emails import absolute
from lms.typing import User

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
CHUNK = 900  # ids per IN (...) query, under SQLite's variable limit

HEADERS = {
    "name": {"name", "full name", "nombre", "nombres", "nombre completo", "nombres y apellidos"},
    "email": {
        "email",
        "e-mail",
        "mail",
        "correo",
        "correo electrónico",
        "correo electronico",
        "e-mail address",
    },
    "group": {"group", "small group", "grupo", "gia", "grupo de interaprendizaje"},
    "role": {"role", "rol"},
}
ROLES = {
    Enrollment.Role.PARTICIPANT: {"", "participant", "participante", "learner", "estudiante", "p"},
    Enrollment.Role.FACILITATOR: {"facilitator", "facilitador", "facilitadora", "f"},
    Enrollment.Role.OBSERVER: {"observer", "observador", "observadora", "o"},
}


class Status(StrEnum):
    NEW_USER = "new_user"
    EXISTING_USER = "existing_user"
    ALREADY_ENROLLED = "already_enrolled"
    DUPLICATE_ROW = "duplicate_row"
    INVALID_EMAIL = "invalid_email"
    MISSING_NAME = "missing_name"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_ROLE = "unknown_role"
    AMBIGUOUS_EMAIL = "ambiguous_email"


LABELS = {
    Status.NEW_USER: gettext_lazy("New person: an account is created and a set-your-password e-mail sent"),
    Status.EXISTING_USER: gettext_lazy("Existing account: enrolled"),
    Status.ALREADY_ENROLLED: gettext_lazy("Already enrolled: no change"),
    Status.DUPLICATE_ROW: gettext_lazy("Duplicate row: the e-mail appears earlier in the file; skipped"),
    Status.INVALID_EMAIL: gettext_lazy("Invalid e-mail"),
    Status.MISSING_NAME: gettext_lazy("A new person needs a name"),
    Status.UNKNOWN_GROUP: gettext_lazy("Unknown small group"),
    Status.UNKNOWN_ROLE: gettext_lazy("Unknown role"),
    Status.AMBIGUOUS_EMAIL: gettext_lazy("Several accounts share this e-mail: enrol this person by hand"),
}
ERRORS = {
    Status.INVALID_EMAIL,
    Status.MISSING_NAME,
    Status.UNKNOWN_GROUP,
    Status.UNKNOWN_ROLE,
    Status.AMBIGUOUS_EMAIL,
}


@dataclass
class PlanRow:
    line: int
    name: str
    email: str
    group_name: str
    role_text: str
    status: Status = Status.NEW_USER
    role: str = Enrollment.Role.PARTICIPANT
    group: CohortGroup | None = None
    user: User | None = None  # the account found (or, when applying, created) for the row

    @property
    def is_error(self) -> bool:
        return self.status in ERRORS

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


@dataclass
class Plan:
    rows: list[PlanRow]
    encoding: str
    problems: list[str] = field(default_factory=list)  # file-level problems that block applying

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(str(r.status) for r in self.rows))

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.is_error)

    @property
    def can_apply(self) -> bool:
        return (
            not self.problems
            and not self.error_count
            and any(r.status in (Status.NEW_USER, Status.EXISTING_USER) for r in self.rows)
        )

    @property
    def to_enrol(self) -> list[PlanRow]:
        return [r for r in self.rows if r.status in (Status.NEW_USER, Status.EXISTING_USER)]


# --- reading the file ----------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding it was in: UTF-8 (with or without BOM), else Windows-1252,
    else Latin-1 (which reads any byte)."""
    if b"\x00" in data[:4096]:
        raise ValidationError(_("This does not look like a CSV file (is it a spreadsheet? Save it as CSV)."))
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        _("The file's characters could not be read.")
    )  # pragma: no cover (latin-1 reads all)


def _normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().strip('"').lower())


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, {name, email, group, role}) for each non-empty row; clear errors for bad files."""
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    first_line = text.lstrip().splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ValidationError(_("The file is empty.")) from None
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, aliases in HEADERS.items():
            if _normalise(title) in aliases and key not in columns:
                columns[key] = index
    missing = [key for key in ("name", "email") if key not in columns]
    if missing:
        raise ValidationError(
            _(
                "Missing column(s): %(missing)s. "
                "The first row must name the columns: name, email, group, role."
            )
            % {"missing": ", ".join(missing)}
        )
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s rows; split it into several files.") % {"max": MAX_ROWS}
                )
            row = {
                key: (values[index].strip() if index < len(values) else "") for key, index in columns.items()
            }
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not rows:
        raise ValidationError(_("The file has a header row but nobody in it."))
    return rows


# --- planning ------------------------------------------------------------------------------------------


def _role(text: str) -> str | None:
    key = text.strip().lower()
    return next((role for role, aliases in ROLES.items() if key in aliases), None)


def _users_by_email(emails: list[str]) -> dict[str, list[User]]:
    user_model = get_user_model()
    found: dict[str, list[User]] = {}
    for start in range(0, len(emails), CHUNK):
        chunk = emails[start : start + CHUNK]
        for user in user_model.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            found.setdefault(user.email_lower, []).append(user)
    return found


def _enrolled_user_ids(cohort: Cohort, user_ids: list[int]) -> set[int]:
    ids: set[int] = set()
    for start in range(0, len(user_ids), CHUNK):
        ids |= set(
            Enrollment.objects.filter(cohort=cohort, user_id__in=user_ids[start : start + CHUNK]).values_list(
                "user_id", flat=True
            )
        )
    return ids


def plan_rows(*, cohort: Cohort, rows: list[tuple[int, dict[str, str]]], encoding: str) -> Plan:
    """What would happen to each row. A fixed number of queries per 900 rows."""
    groups = {g.name.strip().lower(): g for g in cohort.groups.all()}
    plan_rows_: list[PlanRow] = []
    seen: set[str] = set()
    for line, raw in rows:
        row = PlanRow(
            line=line,
            name=raw.get("name", ""),
            email=raw.get("email", "").strip().lower(),
            group_name=raw.get("group", ""),
            role_text=raw.get("role", ""),
        )
        plan_rows_.append(row)
        try:
            validate_email(row.email)
        except ValidationError:
            row.status = Status.INVALID_EMAIL
            continue
        if row.email in seen:
            row.status = Status.DUPLICATE_ROW
            continue
        seen.add(row.email)
        role = _role(row.role_text)
        if role is None:
            row.status = Status.UNKNOWN_ROLE
            continue
        row.role = role
        if row.group_name:
            row.group = groups.get(row.group_name.strip().lower())
            if row.group is None:
                row.status = Status.UNKNOWN_GROUP
                continue
    candidates = [r for r in plan_rows_ if r.status == Status.NEW_USER]
    users = _users_by_email([r.email for r in candidates])
    enrolled = _enrolled_user_ids(cohort, [u.pk for found in users.values() for u in found])
    for row in candidates:
        found = users.get(row.email, [])
        if len(found) > 1:
            row.status = Status.AMBIGUOUS_EMAIL
        elif found:
            row.user = found[0]
            row.status = Status.ALREADY_ENROLLED if row.user.pk in enrolled else Status.EXISTING_USER
        elif not row.name:
            row.status = Status.MISSING_NAME
    plan = Plan(rows=plan_rows_, encoding=encoding)
    if cohort.capacity is not None:
        adding = sum(1 for r in plan.to_enrol if r.role == Enrollment.Role.PARTICIPANT)
        current = cohort.enrollments.filter(role=Enrollment.Role.PARTICIPANT).count()
        if adding and current + adding > cohort.capacity:
            plan.problems.append(
                _(
                    "The cohort has room for %(capacity)s participants and has %(current)s: "
                    "adding %(adding)s would go over. Raise the capacity first or enrol fewer people."
                )
                % {"capacity": cohort.capacity, "current": current, "adding": adding}
            )
    return plan


def enrolment_import_create(*, cohort: Cohort, data: bytes, filename: str, by: User) -> EnrolmentImport:
    """Check and keep an uploaded file for its dry run. File-level problems raise ValidationError."""
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is too big (at most %(mb)s MB).") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    text, encoding = decode(data)
    read_rows(text)  # refuse unreadable files now rather than at confirmation
    return EnrolmentImport.objects.create(
        cohort=cohort, uploaded_by=by, filename=filename[:255], content=text, encoding=encoding
    )


def enrolment_import_plan(*, enrolment_import: EnrolmentImport) -> Plan:
    return plan_rows(
        cohort=enrolment_import.cohort,
        rows=read_rows(enrolment_import.content),
        encoding=enrolment_import.encoding,
    )


# --- applying ------------------------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().partition(" ")
    return first[:150], last.strip()[:150]


def _usernames(emails: list[str]) -> dict[str, str]:
    """A free username for each new person: their e-mail, or the e-mail with a number if taken."""
    user_model = get_user_model()
    wanted = {email: email[:150] for email in emails}
    taken: set[str] = set()
    values = list(wanted.values())
    for start in range(0, len(values), CHUNK):
        taken |= set(
            user_model.objects.filter(username__in=values[start : start + CHUNK]).values_list(
                "username", flat=True
            )
        )
    result = {}
    for email, username in wanted.items():
        candidate, n = username, 1
        while candidate in taken or (n > 1 and user_model.objects.filter(username=candidate).exists()):
            n += 1
            candidate = f"{username[:140]}-{n}"
        taken.add(candidate)
        result[email] = candidate
    return result


@dataclass
class ImportResult:
    created_users: int
    enrolled: int
    skipped: int
    already_applied: bool = False


def enrolment_import_apply(*, enrolment_import: EnrolmentImport, by: User) -> ImportResult:
    """Enrol everyone in the file, all or nothing. Raises ValidationError if any row has an error."""
    user_model = get_user_model()
    with transaction.atomic():
        locked = EnrolmentImport.objects.select_for_update().get(pk=enrolment_import.pk)
        if locked.applied_at is not None:
            summary = locked.summary
            return ImportResult(
                created_users=summary.get("created_users", 0),
                enrolled=summary.get("enrolled", 0),
                skipped=summary.get("skipped", 0),
                already_applied=True,
            )
        cohort = Cohort.objects.select_for_update().select_related("course").get(pk=locked.cohort_id)
        locked.cohort = cohort
        plan = enrolment_import_plan(enrolment_import=locked)
        problems = list(plan.problems)
        if plan.error_count:
            problems.append(
                _("%(count)s rows have errors: correct the file and upload it again.")
                % {"count": plan.error_count}
            )
        if problems:
            raise ValidationError(problems)
        new_rows = [r for r in plan.to_enrol if r.status == Status.NEW_USER]
        usernames = _usernames([r.email for r in new_rows])
        new_users = []
        for row in new_rows:
            first, last = _split_name(row.name)
            user = user_model(
                username=usernames[row.email], email=row.email, first_name=first, last_name=last
            )
            user.set_unusable_password()
            new_users.append(user)
        user_model.objects.bulk_create(new_users, batch_size=500)
        created = {u.email: u for u in user_model.objects.filter(username__in=list(usernames.values()))}
        for row in new_rows:
            row.user = created[row.email]
        enrollments = []
        for row in plan.to_enrol:
            assert row.user is not None  # found when planning, or created just above
            enrollments.append(Enrollment(cohort=cohort, user=row.user, role=row.role, group=row.group))
        Enrollment.objects.bulk_create(enrollments, batch_size=500)
        if any(r.role == Enrollment.Role.FACILITATOR for r in plan.to_enrol):
            services.facilitator_permissions_sync(course=cohort.course)
        result = ImportResult(
            created_users=len(new_rows),
            enrolled=len(plan.to_enrol),
            skipped=len(plan.rows) - len(plan.to_enrol),
        )
        locked.applied_at = timezone.now()
        locked.summary = {
            "created_users": result.created_users,
            "enrolled": result.enrolled,
            "skipped": result.skipped,
            "by": by.pk,
        }
        locked.save(update_fields=["applied_at", "summary"])
        user_ids = [created[r.email].pk for r in new_rows]
        transaction.on_commit(lambda: welcome_emails_send(cohort_id=cohort.pk, user_ids=user_ids))
    return result


def welcome_emails_send(*, cohort_id: int, user_ids: list[int]) -> int:
    """A set-your-password e-mail to each person whose account the import created."""

    cohort = Cohort.objects.select_related("course").get(pk=cohort_id)
    language = cohort.course.language or "es"
    messages = []
    with translation.override(language):
        for start in range(0, len(user_ids), CHUNK):
            for user in get_user_model().objects.filter(pk__in=user_ids[start : start + CHUNK]):
                link = absolute(
                    reverse(
                        "password_reset_confirm",
                        kwargs={
                            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                            "token": default_token_generator.make_token(user),
                        },
                    )
                )
                context = {"user": user, "cohort": cohort, "link": link}
                messages.append(
                    mail.EmailMessage(
                        subject=render_to_string("courses/emails/welcome_subject.txt", context).strip(),
                        body=render_to_string("courses/emails/welcome_body.txt", context),
                        to=[user.email],
                    )
                )
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0
