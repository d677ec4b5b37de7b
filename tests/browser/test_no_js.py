"""With JavaScript off (an old phone, a data-saving browser, a script that failed to arrive) the
catalogue, lessons, progress, reflections, forums and the room's basic actions still work: every action
is a plain form that the server answers with a page."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def no_js(new_context):
    def make(username: str | None = None):
        context = new_context(username, java_script_enabled=False)
        page = context.new_page()
        page.goto("/")
        return page

    return make


def progress(page) -> tuple[int, int]:
    bar = page.locator(".learning", has_text="Innovación").locator("progress")
    return int(bar.get_attribute("value")), int(bar.get_attribute("max"))


def test_catalogue_and_course_page_without_javascript(demo, no_js):
    page = no_js()
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Cursos").click()
    expect(page.locator(".course-card")).to_have_count(2)
    page.get_by_role("link", name="Innovación en Educación y Comunidades de Aprendizaje").click()
    expect(page.locator("h1")).to_have_text("Innovación en Educación y Comunidades de Aprendizaje")
    assert page.locator(".syllabus > li").count() >= 6  # the modules, open or with their opening date
    expect(page.get_by_role("link", name="Inicia sesión para matricularte")).to_be_visible()


def test_lesson_completion_and_progress_without_javascript(demo, no_js):
    page = no_js("participante12")
    page.goto("/learning/")
    done, total = progress(page)
    assert 0 < done < total
    page.locator(".learning", has_text="Innovación").get_by_role("link", name=re.compile("Continuar")).click()
    title = page.locator("h1").inner_text()
    page.get_by_role("button", name="Marcar como completada").click()
    expect(page.locator(".lesson-progress")).to_contain_text("Completaste esta sesión.")
    expect(page.locator("h1")).to_have_text(title)
    page.goto("/learning/")
    assert progress(page) == (done + 1, total)
    # The list of modules is a <details>: it opens without JavaScript.
    page.get_by_text("Módulos", exact=True).click()
    expect(page.locator(".module-list")).to_be_visible()


def test_a_reflection_without_javascript(demo, no_js):
    page = no_js("participante12")
    page.goto(demo.lesson("tertulia-pedagogica").url)
    prompt = page.locator(".reflection-prompt")
    prompt.get_by_label("Tu reflexión").fill(
        "Sin JavaScript también puedo escribir lo que pienso de la lectura."
    )
    prompt.get_by_role("button", name="Enviar mi reflexión").click()
    expect(page.locator(".reflection-prompt .status")).to_have_text("Espera retroalimentación")
    expect(page.locator(".reflection-prompt .dialogue")).to_contain_text("Sin JavaScript también")


def test_a_forum_reply_without_javascript(demo, no_js):
    thread = demo.thread("¿Las altas expectativas")
    page = no_js("participante12")
    page.goto(f"/threads/{thread.pk}/")
    page.get_by_role("textbox", name="Tu aporte").fill("Respondo desde un navegador sin JavaScript.")
    page.get_by_role("button", name="Publicar").click()
    expect(page.locator("#posts")).to_contain_text("Respondo desde un navegador sin JavaScript.")


def test_the_room_without_javascript(demo, no_js):
    gathering = demo.open_gathering("Tertulia sin JavaScript")
    page = no_js("participante12")
    page.goto(f"/gatherings/{gathering.pk}/room/")
    expect(page.locator("#room-status")).to_be_hidden()  # "connecting…" would never change
    expect(page.get_by_text(re.compile("(Sin|Without) JavaScript"))).to_be_visible()

    page.get_by_label("Mensaje", exact=True).fill("Escribo desde un teléfono sin JavaScript")
    page.locator("#chat-form").get_by_role("button", name="Enviar").click()
    expect(page.locator("#chat-log")).to_contain_text("Escribo desde un teléfono sin JavaScript")

    page.get_by_label("Fragmento del que quieres hablar (opcional)").fill("párrafo 4")
    page.get_by_role("button", name="Levantar la mano").click()
    name = demo.user("participante12").get_full_name()
    expect(page.locator("#queue > li")).to_have_count(1)
    expect(page.locator("#queue > li")).to_contain_text(name)
    expect(page.locator("#queue")).to_contain_text("párrafo 4")
    page.get_by_role("button", name="Bajar la mano").click()
    expect(page.locator("#queue > li")).to_have_text(["Nadie está esperando."])
    assert demo.chat_texts(gathering) == ["Escribo desde un teléfono sin JavaScript"]
