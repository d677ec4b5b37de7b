"""Page types: where each can be created, that they render, and the lesson blocks authors use."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, Enrollment, HomePage, LessonPage, ModulePage
from courses.services import facilitator_permissions_sync
from tests.factories import (
    catalogue_page,
    enrol,
    make_cohort,
    make_course,
    make_user,
    reading_block,
    site_home,
)


class PageTreeRulesTests(WagtailPageTestCase):
    """Home → catalogue → course → module → lesson, and nothing else."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = make_course("Reglas", modules=1, lessons=1, offsets=[0])
        cls.cohort = make_cohort(cls.tree.course, started_days_ago=1)
        cls.participant = make_user("regla-participante")
        enrol(cls.participant, cls.cohort)
        cls.facilitator = make_user("regla-facilitadora")
        enrol(cls.facilitator, cls.cohort, Enrollment.Role.FACILITATOR)
        cls.superuser = make_user("regla-admin", is_superuser=True, staff=True)

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})

    def test_can_and_cannot_create_at(self):
        self.assertCanCreateAt(CoursePage, ModulePage)
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(Page, LessonPage)
        # There is one home page: with it in place, no second one can be added at the root.
        self.assertCanCreateAt(Page, HomePage)
        assert not HomePage.can_create_at(Page.get_first_root_node())

    def test_pages_render(self):
        self.assertPageIsRenderable(site_home())
        self.assertPageIsRenderable(catalogue_page())
        self.assertPageIsRenderable(self.tree.course)
        self.assertPageIsRenderable(self.tree.lessons[0][0], user=self.participant)
        self.assertPageIsRenderable(self.tree.lessons[0][0], user=self.facilitator)
        # Anonymous visitors are sent to sign in; a module sends to its place in the syllabus.
        self.assertPageIsRenderable(self.tree.lessons[0][0], accept_redirect=True)
        self.assertPageIsRenderable(self.tree.modules[0], accept_redirect=True)

    def test_lesson_routes_are_routable(self):
        self.assertPageIsRoutable(self.tree.lessons[0][0], "complete/")
        self.assertPageIsRoutable(self.tree.lessons[0][0], "reflections/some-prompt/")

    def test_course_and_lesson_edit_views_load(self):
        self.client.force_login(self.superuser)
        for page in (self.tree.course, self.tree.modules[0], self.tree.lessons[0][0]):
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            assert response.status_code == 200, page

    def test_facilitator_creates_a_lesson_in_the_admin(self):
        facilitator_permissions_sync(course=self.tree.course)
        self.client.force_login(self.facilitator)
        module = self.tree.modules[0]
        body_id = str(uuid.uuid4())
        data = {
            "title": "Lección escrita en el admin",
            "slug": "leccion-admin",
            "summary": "",
            "estimated_minutes": "25",
            "body-count": "1",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-type": "heading",
            "body-0-id": body_id,
            "body-0-value": "Un título",
        }
        self.assertCanCreate(module, LessonPage, data)
        lesson = LessonPage.objects.get(slug="leccion-admin")
        assert lesson.live and lesson.get_parent().pk == module.pk


def test_module_page_redirects_to_its_place_in_the_syllabus(client, world):
    module = world.tree.modules[1]
    response = client.get(module.url)
    assert response.status_code == 302
    assert response.url == f"{world.tree.course.url}#module-{module.pk}"


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def rich_lesson(world):
    module = world.tree.modules[0]
    reading = reading_block(paragraphs=3)
    body = [
        _block("heading", "Principios"),
        _block("paragraph", "<p>Texto <b>enriquecido</b></p>"),
        reading,
        _block(
            "quote", {"text": "Todas las personas tienen inteligencia cultural.", "attribution": "Flecha"}
        ),
        _block("callout", {"tone": "tip", "text": "<p>Un consejo</p>"}),
        _block(
            "activity", {"title": "Lectura en pareja", "minutes": 20, "instructions": "<p>Lean juntos</p>"}
        ),
        _block("discussion_prompt", {"prompt": "¿Qué pasaje eliges?", "post_first": True}),
    ]
    lesson = module.add_child(instance=LessonPage(title="Lección completa", slug="completa", body=body))
    return lesson, reading


def test_lesson_renders_every_block(client, world, rich_lesson):
    lesson, _reading = rich_lesson
    client.force_login(world.participant)
    html = client.get(lesson.url).text
    for text in [
        "Principios",
        "<b>enriquecido</b>",
        "Todas las personas tienen inteligencia cultural.",
        "Flecha",
        "Un consejo",
        "Lectura en pareja",
        "Lean juntos",
        "¿Qué pasaje eliges?",
    ]:
        assert text in html, text


def test_reading_paragraphs_are_addressable(client, world, rich_lesson):
    """Each paragraph of a reading keeps its own id in the page, so it can be cited and linked."""
    lesson, reading = rich_lesson
    client.force_login(world.participant)
    html = client.get(lesson.url).text
    for n, paragraph in enumerate(reading["value"]["paragraphs"]):
        pid = paragraph["id"]
        assert re.search(
            rf'<p class="passage" id="p-{pid}"><a [^>]*href="#p-{pid}"[^>]*>{n + 1}</a> Párrafo {n}'
            r'\s*(<span class="passage-activity">[\s\S]*?</span>\s*)?</p>',
            html,
        )
    lesson.refresh_from_db()
    stored = next(b for b in lesson.body if b.block_type == "reading")
    assert [p.id for p in stored.value["paragraphs"].bound_blocks] == [
        p["id"] for p in reading["value"]["paragraphs"]
    ]
