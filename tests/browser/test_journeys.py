"""What people do on Tertulia, in a real browser against a real daphne serving the seeded demo.

Spanish by default (the audience's language, whatever the browser says); the newcomer's journey also
runs once in English, chosen with the language switcher.
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.browser.conftest import PASSWORD
from tests.browser.helpers import (
    chat_texts,
    enter_room,
    expect,
    expect_presence,
    expect_speaker,
    names,
    send_chat,
    wait_for_chat,
)

pytestmark = pytest.mark.browser

ES = {
    "create_account": "Crear cuenta",
    "courses": "Cursos",
    "course": "Innovación en Educación y Comunidades de Aprendizaje",
    "enrol": "Matricularme en esta cohorte",
    "enrolled": "Ya te matriculaste",
    "continue": "Continuar",
    "complete": "Marcar como completada",
    "completed": "Completaste esta sesión.",
    "my_learning": "Mi aprendizaje",
    "progress": "{done} de {total} sesiones",
}
EN = {
    "create_account": "Create account",
    "courses": "Courses",
    "course": "Leading Professional Learning Communities",
    "enrol": "Enrol in this cohort",
    "enrolled": "You are enrolled",
    "continue": "Continue",
    "complete": "Mark as completed",
    "completed": "You completed this lesson.",
    "my_learning": "My learning",
    "progress": "{done} of {total} lessons",
}


def progress_of(page) -> tuple[int, int]:
    bar = page.locator("progress").first
    return int(bar.get_attribute("value")), int(bar.get_attribute("max"))


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_newcomer_signs_up_enrols_reads_a_lesson_and_sees_progress_move(demo, new_context, language):
    t = ES if language == "es" else EN
    page = new_context(locale="en-US" if language == "en" else "es-PE").new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "es"  # Spanish first, even for an English browser
    if language == "en":
        page.locator(".lang-switch").get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(".site-header").get_by_role("link", name=t["create_account"]).click()
    username = f"nueva-{language}-{uuid.uuid4().hex[:6]}"
    page.fill("#id_username", username)
    page.fill("#id_first_name", "Rosa" if language == "es" else "Rose")
    page.fill("#id_last_name", "Quispe")
    page.fill("#id_email", f"{username}@example.org")
    page.fill("#id_password1", "Tertulia-2026-clave")
    page.fill("#id_password2", "Tertulia-2026-clave")
    page.locator("main").get_by_role("button", name=t["create_account"]).click()
    expect(page.locator(".messages")).to_contain_text("Rosa" if language == "es" else "Rose")

    page.locator(".site-nav").get_by_role("link", name=t["courses"]).click()
    page.get_by_role("link", name=t["course"]).click()
    expect(page.locator("h1")).to_have_text(t["course"])
    page.get_by_role("button", name=t["enrol"]).click()
    # Enrolled: "My learning" shows the course at zero, and what to read next.
    expect(page.locator("h1")).to_have_text(t["my_learning"])
    card = page.locator(".learning", has_text=t["course"])
    done, total = progress_of(card)
    assert done == 0 and total > 1
    expect(card).to_contain_text(t["progress"].format(done=0, total=total))
    card.get_by_role("link", name=re.compile(t["continue"])).click()

    lesson_title = page.locator("h1").inner_text()
    assert page.locator(".stream > *").count() >= 3  # the lesson's blocks: heading, text, reading…
    page.get_by_role("button", name=t["complete"]).click()
    expect(page.locator(".lesson-progress")).to_contain_text(t["completed"])

    page.locator(".site-nav").get_by_role("link", name=t["my_learning"]).click()
    card = page.locator(".learning", has_text=t["course"])
    assert progress_of(card) == (1, total)
    expect(card).to_contain_text(t["progress"].format(done=1, total=total))
    next_lesson = card.get_by_role("link", name=re.compile(t["continue"]))
    expect(next_lesson).not_to_contain_text(lesson_title)  # "what's next" moved on
    page.get_by_role("link", name=t["course"]).click()
    assert progress_of(page) == (1, total)


def test_a_participant_writes_a_reflection_and_reads_the_facilitators_answer(demo, new_context):
    lesson = demo.lesson("dialogo-igualitario")
    participant = new_context("participante3").new_page()
    participant.goto(lesson.url)
    prompt = participant.locator(".reflection-prompt")
    reflection = (
        "En mi UGEL los directores con más años hablan primero y los demás asienten. "
        "Quiero probar una ronda en la que cada persona da una razón antes de opinar sobre la de otra."
    )
    prompt.get_by_label("Tu reflexión").fill(reflection)
    prompt.get_by_role("button", name="Enviar mi reflexión").click()
    expect(participant.locator(".reflection-prompt .status")).to_have_text("Espera retroalimentación")
    expect(participant.locator(".reflection-prompt .dialogue")).to_contain_text(
        "da una razón antes de opinar"
    )

    facilitator = new_context("facilitadora1").new_page()
    facilitator.goto("/learning/")
    facilitator.get_by_role("link", name="Respóndelas").click()
    pending = facilitator.locator("#pending")
    pending.get_by_role("link", name=re.compile(re.escape(lesson.title))).filter(
        has_text=demo.user("participante3").get_full_name()
    ).click()
    expect(facilitator.locator(".dialogue")).to_contain_text("da una razón antes de opinar")
    answer = (
        "Muy buena idea. ¿Cómo harás para que la primera razón no sea siempre la del director de más edad?"
    )
    facilitator.get_by_label("Tu retroalimentación").fill(answer)
    facilitator.get_by_role("button", name="Enviar").click()
    expect(facilitator.locator(".dialogue > li")).to_have_count(2)

    participant.goto("/learning/")
    expect(participant.locator(".learning", has_text="Innovación")).to_contain_text("retroalimentación")
    participant.goto(lesson.url)
    expect(participant.locator(".reflection-prompt .status")).to_have_text("Respondida")
    participant.get_by_role("link", name="Abrir la conversación").click()
    expect(participant.locator(".dialogue")).to_contain_text(answer)
    # A dialogue, not a grade: the participant answers back.
    participant.get_by_label("Tu respuesta").fill("Empezaré sorteando el orden de la ronda.")
    participant.get_by_role("button", name="Enviar").click()
    expect(participant.locator(".dialogue > li")).to_have_count(3)
    facilitator.reload()
    expect(facilitator.locator(".dialogue")).to_contain_text("sorteando el orden")


def test_two_participants_and_a_facilitator_take_part_in_one_gathering(demo, new_context):
    """Presence, chat, raised hands given the floor fairly (fewest turns first), a poll, the record."""
    gathering = demo.open_gathering("Tertulia pedagógica de prueba")
    ana, beto, lucia = (
        demo.user(u).get_full_name() for u in ("participante4", "participante5", "facilitadora1")
    )
    moderator = enter_room(new_context("facilitadora1").new_page(), gathering)
    first = enter_room(new_context("participante4").new_page(), gathering)
    second = enter_room(new_context("participante5").new_page(), gathering)
    everyone = (moderator, first, second)
    for page in everyone:
        expect_presence(page, [ana, beto, lucia])
    expect(moderator.locator("#moderator-controls")).to_be_visible()
    expect(first.locator("#moderator-controls")).to_be_hidden()

    send_chat(first, "Buenas tardes desde Cusco")
    send_chat(second, "Saludos desde Puerto Maldonado")
    for page in everyone:
        wait_for_chat(page, "Saludos desde Puerto Maldonado")
        assert chat_texts(page) == ["Buenas tardes desde Cusco", "Saludos desde Puerto Maldonado"]

    # The first participant asks for the floor, citing a passage, and gets it.
    first.fill("#passage", "p. 2, párrafo 3")
    first.get_by_role("button", name="Levantar la mano").click()
    for page in everyone:
        expect(page.locator("#queue > li")).to_contain_text([ana])
    expect(moderator.locator("#queue")).to_contain_text("p. 2, párrafo 3")
    moderator.get_by_role("button", name="Siguiente turno").click()
    for page in everyone:
        expect_speaker(page, ana)
    moderator.get_by_role("button", name="Terminar turno").click()
    for page in everyone:
        expect_speaker(page, None)

    # She raises her hand again before him: he has spoken less, so he goes first.
    first.get_by_role("button", name="Levantar la mano").click()
    expect(moderator.locator("#queue > li")).to_have_count(1)
    expect(moderator.locator("#queue > li").first).to_contain_text(ana)
    second.get_by_role("button", name="Levantar la mano").click()
    for page in everyone:
        expect(page.locator("#queue > li")).to_have_count(2)
        assert [re.split(r"\s·", n)[0] for n in names(page, "#queue > li")] == [beto, ana]
    moderator.get_by_role("button", name="Siguiente turno").click()
    for page in everyone:
        expect_speaker(page, beto)
    moderator.get_by_role("button", name="Siguiente turno").click()
    for page in everyone:
        expect_speaker(page, ana)
    expect(moderator.locator("#queue > li")).to_have_text(["Nadie está esperando."])

    # A poll, opened by the moderator and voted by both participants.
    moderator.get_by_label("Pregunta de la encuesta").fill("¿Qué leemos para la próxima tertulia?")
    moderator.get_by_label("Opciones (una por línea, de 2 a 10)").fill("Freire\nFlecha\nAubert")
    moderator.get_by_role("button", name="Abrir encuesta").click()
    for page in (first, second):
        expect(page.locator("#poll")).to_contain_text("¿Qué leemos para la próxima tertulia?")
    first.locator("#poll").get_by_role("button", name=re.compile("^Flecha")).click()
    second.locator("#poll").get_by_role("button", name=re.compile("^Flecha")).click()
    expect(moderator.locator("#poll")).to_contain_text("Flecha (2)")
    expect(first.locator("#poll").get_by_role("button", name=re.compile("^Flecha"))).to_have_attribute(
        "aria-pressed", "true"
    )
    moderator.get_by_role("button", name="Cerrar encuesta").click()
    for page in everyone:
        expect(page.locator("#poll")).to_contain_text("Encuesta cerrada")

    send_chat(moderator, "Gracias a todas y todos: leemos a Flecha")
    moderator.once("dialog", lambda dialog: dialog.accept())
    moderator.get_by_role("button", name="Terminar el encuentro").click()
    for page in everyone:
        expect(page.locator("#room-status")).to_have_attribute("data-state", "ended")
    first.locator("#room-status").get_by_role("link", name="Leer el acta").click()
    expect(first.locator("h1")).to_contain_text(f"Acta: {gathering.title}")
    turns = first.locator("section", has=first.get_by_role("heading", name="Turnos de palabra"))
    expect(turns.locator("li")).to_have_count(3)
    assert [re.split(r"\s·", t)[0] for t in turns.locator("li").all_inner_texts()] == [ana, beto, ana]
    expect(turns).to_contain_text("p. 2, párrafo 3")
    expect(first.locator("section", has_text="Encuestas")).to_contain_text("Flecha: 2")
    transcript = first.locator("section", has=first.get_by_role("heading", name="Transcripción del chat"))
    expect(transcript.locator("li")).to_have_count(3)
    expect(transcript).to_contain_text("Saludos desde Puerto Maldonado")


def test_a_post_in_a_thread_appears_live_for_another_participant(demo, new_context):
    thread = demo.thread("¿Las altas expectativas")
    reader = new_context("participante6").new_page()
    with reader.expect_websocket(lambda ws: "/ws/threads/" in ws.url) as opened:
        reader.goto(f"/threads/{thread.pk}/")
    opened.value.wait_for_event("framereceived")  # subscribed: the thread's welcome
    before = reader.locator("#posts .post").count()

    writer = new_context("participante7").new_page()
    writer.goto(f"/threads/{thread.pk}/")
    writer.get_by_role("textbox", name="Tu aporte").fill(
        "En mi escuela multigrado de Chumbivilcas las altas expectativas funcionaron "
        "cuando las familias leyeron con sus hijos."
    )
    writer.get_by_role("button", name="Publicar").click()
    expect(writer.locator("#posts")).to_contain_text("las familias leyeron con sus hijos")

    reader.locator(".post-body", has_text="las familias leyeron con sus hijos").wait_for()
    expect(reader.locator("#thread-live")).to_be_visible()
    assert reader.locator("#posts .post").count() == before + 1


def test_a_facilitator_edits_and_publishes_a_lesson_and_a_participant_sees_it(demo, new_context):
    lesson = demo.lesson("acta-y-siguiente-lectura")
    participant = new_context("participante8").new_page()
    participant.goto(lesson.url)
    expect(participant.locator("h1")).to_have_text(lesson.title)

    admin = new_context().new_page()
    admin.goto("/admin/login/")
    admin.fill("#id_username", "facilitadora1")
    admin.fill("#id_password", PASSWORD)
    admin.locator("form").get_by_role("button", name=re.compile("Iniciar sesión|Sign in")).click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(f"/admin/pages/{lesson.pk}/edit/")
    new_title = "El acta y la siguiente lectura (versión revisada)"
    admin.fill("#id_title", new_title)
    admin.fill(
        "#id_summary", "Cómo se escribe el acta entre todas y todos, y cómo se acuerda la próxima lectura."
    )
    admin.get_by_role("button", name="Más acciones").click()
    admin.get_by_role("button", name="Publicar").click()
    expect(admin.locator(".messages")).to_contain_text(new_title)

    participant.reload()
    expect(participant.locator("h1")).to_have_text(new_title)
    expect(participant.locator(".lesson .lead")).to_have_text(
        "Cómo se escribe el acta entre todas y todos, y cómo se acuerda la próxima lectura."
    )
