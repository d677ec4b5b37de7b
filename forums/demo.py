"""A lively demo forum for the Spanish cohort. Idempotent: every post has a stable client token."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction

from courses.models import Cohort, Enrollment, LessonPage
from forums import services
from forums.models import DialogicMove, Post, Reaction, Thread

if TYPE_CHECKING:
    from courses.demo.seed import SeedReport
    from lms.typing import User

NAMESPACE = uuid.UUID("2b0c7e4e-5f0e-4d5e-9a51-6a7c1f1d9e20")
GATHERING_LESSON_SLUG = "tertulia-pedagogica"


def _token(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _say(key: str, user: User, thread: Thread, body: str, **kwargs: Any) -> Post:
    return services.post_publish(
        user=user, thread=thread, body=body, client_token=_token(key), enforce_rate_limit=False, **kwargs
    )


def _react(post: Post, users, kind: str) -> None:
    for user in users:
        if user.pk != post.author_id:
            Reaction.objects.get_or_create(post=post, user=user, kind=kind)


@transaction.atomic
def seed_forums(*, cohort: Cohort, report: SeedReport | None = None) -> None:
    """Threads, a pedagogical gathering on the module-2 reading, reactions and a reply to a reply."""
    space = services.space_ensure_for_cohort(cohort=cohort)
    members = list(Enrollment.objects.filter(cohort=cohort).select_related("user").order_by("user__username"))
    facilitators = [e.user for e in members if e.role == Enrollment.Role.FACILITATOR]
    people = [e.user for e in members if e.role == Enrollment.Role.PARTICIPANT]
    if not facilitators or len(people) < 6:
        return
    fac = facilitators[0]
    p = {i: people[i - 1] for i in range(1, min(len(people), 9) + 1)}
    moves = {m.code: m for m in DialogicMove.objects.filter(course=cohort.course)}
    created_before = Post.objects.filter(thread__cohort=cohort).count()

    # 1. A welcome thread, pinned, with a reply to a reply.
    welcome = services.thread_create(
        user=fac,
        space=space,
        title="Bienvenida: ¿desde dónde nos escribimos?",
        body=(
            "¡Bienvenidas y bienvenidos a la cohorte! Para empezar a conocernos, cuéntanos **desde qué UGEL "
            "escribes** y qué te gustaría que cambie en las reuniones con directivos de tu jurisdicción."
        ),
        client_token=_token("welcome"),
        enforce_rate_limit=False,
    )
    if not welcome.pinned:
        services.thread_pin(user=fac, thread=welcome)
    a = _say(
        "welcome/1",
        p[1],
        welcome,
        "Escribo desde una UGEL de la sierra central. Me gustaría que las reuniones dejen de ser solo "
        "informativas y que los directores hablen primero de su práctica.",
        move=moves.get("experience"),
    )
    b = _say(
        "welcome/2",
        p[2],
        welcome,
        f"Me pasa lo mismo, @{p[1].username}. En mi caso probamos empezar con un caso breve que trae un "
        "director, y la conversación cambió por completo.",
        reply_to=a,
        move=moves.get("builds"),
    )
    _say(
        "welcome/3",
        p[3],
        welcome,
        "¿Cuánto tiempo le dan al caso? Temo que se alargue y no quede tiempo para lo administrativo.",
        reply_to=b,
        quote_text="probamos empezar con un caso breve que trae un director",
        move=moves.get("question"),
    )
    _say(
        "welcome/4",
        p[4],
        welcome,
        "Escribo desde la Amazonía. Aquí muchas escuelas son unidocentes: para mí el reto es que los "
        "docentes no se sientan solos.",
        move=moves.get("experience"),
    )
    _react(a, [p[2], p[3], fac], "resonates")
    _react(b, [p[1], p[4]], "thought")
    _react(b, [fac], "thanks")

    # 2. A thread where someone respectfully disagrees.
    debate = services.thread_create(
        user=p[5],
        space=space,
        title="¿Las altas expectativas son realistas en escuelas rurales?",
        body=(
            "Leyendo el módulo me quedé pensando: ¿no es injusto exigir lo mismo a una escuela multigrado "
            "sin apoyo que a una escuela urbana completa?"
        ),
        move=moves.get("question"),
        client_token=_token("debate"),
        enforce_rate_limit=False,
    )
    d1 = _say(
        "debate/1",
        p[6],
        debate,
        "Entiendo la preocupación, pero no estoy de acuerdo en bajar la meta: el texto dice que hay que "
        "*multiplicar las ayudas*, no rebajar lo que esperamos. La pregunta sería qué ayudas podemos sumar.",
        move=moves.get("disagrees"),
    )
    _say(
        "debate/2",
        fac,
        debate,
        "Buena discusión. Propongo que cada quien traiga una ayuda concreta que ya exista en su comunidad "
        "(familias, sabios locales, estudiantes mayores).",
        reply_to=d1,
        move=moves.get("action"),
    )
    _react(d1, [p[5], p[7]], "disagree")
    _react(d1, [p[8], fac], "resonates")

    # 3. A pedagogical gathering on the module-2 reading: every contribution cites its passage.
    lesson = LessonPage.objects.descendant_of(cohort.course).filter(slug=GATHERING_LESSON_SLUG).first()
    reading = next((b for b in lesson.body if b.block_type == "reading"), None) if lesson else None
    if reading is not None:
        pids = [paragraph.id for paragraph in reading.value["paragraphs"].bound_blocks]
        gathering = services.thread_create(
            user=fac,
            space=space,
            title="Tertulia pedagógica: «Lo que cambia cuando todas las voces cuentan»",
            body=(
                "Elige un párrafo del texto del módulo 2, cítalo y cuéntanos **por qué lo elegiste**. "
                "Las intervenciones se ordenan según el texto, como en nuestras tertulias en vivo."
            ),
            mode=Thread.Mode.GATHERING,
            lesson=lesson,
            reading_id=reading.id,
            client_token=_token("gathering"),
            enforce_rate_limit=False,
        )

        def cite(first: int, last: int | None = None) -> services.PassageChoice:
            return services.PassageChoice(
                lesson=lesson,
                block_id=reading.id,
                first_paragraph_id=pids[first],
                last_paragraph_id=pids[last] if last is not None else "",
            )

        g1 = _say(
            "gathering/1",
            p[7],
            gathering,
            "Elegí este párrafo porque me recordó a mi propia escuela: aprendí muy pronto que preguntar "
            "incomodaba. Hoy veo lo mismo en algunas aulas que visito.",
            passage=cite(0),
            move=moves.get("reading"),
        )
        g2 = _say(
            "gathering/2",
            p[8],
            gathering,
            "«La meta alta sin ayuda es injusta; la ayuda sin meta alta es condescendiente.» Lo voy a "
            "llevar a la próxima reunión de directores.",
            passage=cite(3, 4),
            move=moves.get("reading"),
        )
        _say(
            "gathering/3",
            p[9] if 9 in p else p[1],
            gathering,
            "Este párrafo me interpela como especialista: muchas de mis visitas son para revisar "
            "documentos. Quiero probar observar juntos y preguntar.",
            passage=cite(6),
            move=moves.get("experience"),
        )
        _say(
            "gathering/4",
            p[2],
            gathering,
            "Retomo lo que dijo mi colega sobre la meta y la ayuda: en mi comunidad las abuelas ya "
            "acompañan la lectura en quechua, como dice el párrafo 6.",
            passage=cite(5),
            reply_to=g2,
            move=moves.get("builds"),
        )
        _react(g1, [p[8], p[2], fac], "resonates")
        _react(g2, [p[7], p[1]], "thought")

    # 4. The discussion prompt of an open lesson, already answered by a few.
    prompt_lesson = (
        LessonPage.objects.descendant_of(cohort.course).filter(slug="moderar-una-tertulia").first()
    )
    if prompt_lesson is not None:
        for thread in services.discussion_threads_ensure(cohort=cohort, lesson=prompt_lesson).values():
            first = _say(
                f"prompt/{thread.prompt_id}/1",
                p[3],
                thread,
                "Anticipo que los docentes esperarán que yo dé la respuesta correcta. Mi estrategia: "
                "empezar la ronda por quienes aún no han hablado y recordar que se cita el párrafo.",
                move=moves.get("action"),
            )
            _say(
                f"prompt/{thread.prompt_id}/2",
                p[4],
                thread,
                "Me sumo: en mi UGEL también funciona pedir que escriban antes de hablar, así nadie "
                "se queda en blanco.",
                reply_to=first,
                move=moves.get("builds"),
            )
            _react(first, [p[4], fac], "thanks")

    if report is not None and Post.objects.filter(thread__cohort=cohort).count() > created_before:
        report.add("forum conversations")
