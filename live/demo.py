"""Demo gatherings: one open whenever the seed runs (moved to now, not duplicated), one past with a record."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from courses.models import Cohort, Enrollment, LessonPage
from live.models import Gathering
from live.room import chat, floor, moderation, polls

OPEN_TITLE = "Tertulia pedagógica: «Lo que cambia cuando todas las voces cuentan»"
PAST_TITLE = "Encuentro de apertura: nuestras expectativas"


def seed_gatherings(cohort: Cohort) -> None:
    now = timezone.now()
    lesson = LessonPage.objects.descendant_of(cohort.course).filter(slug__icontains="tertulia").first()
    open_gathering, _created = Gathering.objects.get_or_create(
        cohort=cohort,
        title=OPEN_TITLE,
        defaults={"starts_at": now, "ends_at": now + dt.timedelta(hours=2)},
    )
    # Re-seeding moves the demo gathering to the present so that `make run` always has an open room.
    open_gathering.starts_at = now - dt.timedelta(minutes=5)
    open_gathering.ends_at = now + dt.timedelta(hours=3)
    open_gathering.status = Gathering.Status.SCHEDULED
    open_gathering.ended_at = None
    open_gathering.kind = Gathering.Kind.DIALOGIC
    open_gathering.lesson = lesson
    open_gathering.agenda = (
        "1. Ronda de bienvenida (5 min)\n"
        "2. Cada persona comparte el párrafo que eligió y por qué\n"
        "3. Conversación: ¿qué cambia en nuestras reuniones de UGEL?\n"
        "4. Acordamos la próxima lectura"
    )
    open_gathering.save()

    if Gathering.objects.filter(cohort=cohort, title=PAST_TITLE).exists():
        return
    start = now - dt.timedelta(days=14)
    past = Gathering.objects.create(
        cohort=cohort,
        title=PAST_TITLE,
        kind=Gathering.Kind.MEETING,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
        agenda="Presentaciones, expectativas y acuerdos de convivencia.",
        notes="Acordamos leer el módulo 1 y traer una experiencia de diálogo en nuestra UGEL.",
    )
    members = list(
        Enrollment.objects.filter(cohort=cohort).select_related("user").order_by("role", "user__username")
    )
    facilitator = next(e.user for e in members if e.role == Enrollment.Role.FACILITATOR)
    speakers = [e.user for e in members if e.role == Enrollment.Role.PARTICIPANT][:4]
    # Write the past record through the room's own rules, as if it had happened live.
    Gathering.objects.filter(pk=past.pk).update(
        starts_at=now - dt.timedelta(minutes=1), ends_at=now + dt.timedelta(hours=1)
    )
    past.refresh_from_db()
    for index, user in enumerate(speakers):
        floor.hand_raise(gathering=past, user=user, passage=f"Párrafo {index + 1}" if index % 2 == 0 else "")
    for _ in speakers:
        floor.floor_next(gathering=past, user=facilitator)
    chat.chat_send(
        gathering=past, user=speakers[0], text="¡Buenas tardes desde Huancayo!", client_msg_id="demo-1"
    )
    chat.chat_send(
        gathering=past,
        user=speakers[1],
        text="Saludos desde Puno, con poca señal pero aquí.",
        client_msg_id="demo-2",
    )
    polls.poll_open(
        gathering=past,
        user=facilitator,
        question="¿Qué día prefieren para los encuentros?",
        options=["Martes", "Jueves"],
    )
    poll_id = past.polls.get().pk
    for index, user in enumerate(speakers):
        polls.poll_vote(gathering=past, user=user, poll_id=poll_id, option=index % 2)
    moderation.gathering_end(gathering=past, user=facilitator)
    Gathering.objects.filter(pk=past.pk).update(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
        ended_at=start + dt.timedelta(hours=1, minutes=25),
    )
