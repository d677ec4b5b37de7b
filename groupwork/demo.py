"""Demo work for the interlearning groups of a cohort: a plan, two past sessions, open commitments.

Idempotent: each session has a stable client token, so running the seed again records nothing new.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction

from courses.models import Cohort, Enrollment
from groupwork.models import GroupSession, WorkPlan
from groupwork.services import NewCommitment, group_session_record, work_plan_update

NAMESPACE = uuid.UUID("5d3f1c8e-0b7a-4f2e-9e64-3a1b2c4d5e6f")

PLANS = [
    (
        "Nuestro problema de práctica: las reuniones con directivos son informativas y casi nadie habla "
        "de su propia escuela. Queremos probar tertulias pedagógicas breves en las reuniones de red.",
        "Cada dos semanas, martes a las 7 p. m., por videollamada (o llamada si falla la señal).",
    ),
    (
        "Acompañar a las escuelas multigrado de nuestras UGEL para que abran la escuela a las familias "
        "con grupos interactivos una vez al mes.",
        "Cada dos semanas, jueves a las 6:30 p. m.",
    ),
    (
        "Recoger los saberes de las familias de comunidades nativas y llevarlos a las sesiones "
        "de aprendizaje, con respeto por la lengua originaria.",
        "Una vez por semana, sábados por la mañana, por WhatsApp y llamada.",
    ),
    (
        "Pasar de la supervisión al acompañamiento: observar, modelar y dar retroalimentación dialógica "
        "a los docentes que visitamos.",
        "Cada dos semanas, miércoles a las 7 p. m.",
    ),
]

FIRST_RECORD = (
    "Nos presentamos y cada quien contó una situación de su UGEL que quiere transformar.\n\n"
    "- Acordamos el **propósito** del grupo y el ritmo de reuniones.\n"
    "- Leímos juntos el principio de *diálogo igualitario* y lo relacionamos con nuestras reuniones."
)
SECOND_RECORD = (
    "Abrimos con los compromisos de la sesión anterior. Compartimos cómo nos fue al proponer "
    "una tertulia en nuestras reuniones: en dos UGEL funcionó, en otra no hubo tiempo.\n\n"
    "Conversamos sobre cómo dar la palabra primero a quienes hablan menos."
)


def _token(group_id: int, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{group_id}/{n}")


@transaction.atomic
def seed_group_work(cohort: Cohort) -> None:
    """For each group of the cohort with members: a work plan and two sessions ending in open commitments."""
    today = cohort.today()
    first_day = max(cohort.starts_on, today - dt.timedelta(days=21))
    second_day = max(first_day, today - dt.timedelta(days=7))
    for position, group in enumerate(cohort.groups.order_by("sort_order", "pk")):
        members = list(
            Enrollment.objects.filter(group=group, role=Enrollment.Role.PARTICIPANT)
            .select_related("user")
            .order_by("user__username")
        )
        if len(members) < 3:
            continue
        recorder = members[0].user
        if not WorkPlan.objects.filter(group=group).exists():
            purpose, rhythm = PLANS[position % len(PLANS)]
            work_plan_update(group=group, by=recorder, purpose=purpose, rhythm=rhythm)
        first = group_session_record(
            group=group,
            by=recorder,
            held_on=first_day,
            attendees=[m.pk for m in members],
            record=FIRST_RECORD,
            new_commitments=[
                NewCommitment(
                    text="Proponer una tertulia pedagógica de 20 minutos en la próxima reunión de red.",
                    owner=members[1].pk,
                    due_on=second_day,
                ),
                NewCommitment(text="Leer el capítulo 2 de la lectura del módulo antes de la próxima sesión."),
                NewCommitment(
                    text="Preguntar a dos directores qué temas quieren conversar.", owner=members[2].pk
                ),
            ],
            client_token=_token(group.pk, 1),
        )
        if GroupSession.objects.filter(group=group, client_token=_token(group.pk, 2)).exists():
            continue
        made = list(first.commitments_made.order_by("pk"))
        group_session_record(
            group=group,
            by=members[1].user,
            held_on=second_day,
            attendees=[m.pk for m in members[:-1]],
            record=SECOND_RECORD,
            reviewed={made[0].pk: "done", made[1].pk: "done", made[2].pk: "pending"},
            new_commitments=[
                NewCommitment(
                    text="Registrar quiénes hablan en la próxima reunión y compartirlo con el grupo.",
                    owner=members[0].pk,
                ),
                NewCommitment(
                    text="Traer cada quien una pregunta de su práctica para la siguiente sesión.",
                    due_on=today + dt.timedelta(days=7),
                ),
            ],
            client_token=_token(group.pk, 2),
        )
