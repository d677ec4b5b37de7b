"""Wagtail pages: home → course catalogue → course → module → lesson."""

from __future__ import annotations

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import BaseStreamBlock, LessonStreamBlock


def _ancestor_paths(page: Page) -> list[str]:
    return [page.path[: i * page.steplen] for i in range(1, page.depth)]


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = catalogue(user=request.user)
        return context


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = catalogue(user=request.user, within=self)
        return context


class CoursePage(Page):
    class Language(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")

    subtitle = models.CharField(_("subtitle"), max_length=250, blank=True)
    summary = RichTextField(_("summary"), features=["bold", "italic", "link"])
    description = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    hours = models.PositiveIntegerField(_("certified hours"), default=0)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("hours"),
        FieldPanel("language"),
        FieldPanel("image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("subtitle"), index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview(course=self, user=request.user))
        return context


class ModulePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    release_offset_days = models.PositiveIntegerField(
        _("opens after (days)"),
        default=0,
        help_text=_(
            "Days after the cohort's start date when this module opens "
            "(at midnight in the cohort's time zone)."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("release_offset_days")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_course(self) -> CoursePage:
        return CoursePage.objects.get(path__in=_ancestor_paths(self))

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # A module has no page of its own: its lessons are listed on the course syllabus.
        return redirect(self.get_course().url + f"#module-{self.pk}")


class LessonPage(RoutablePageMixin, Page):
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_ancestors_of_type(self) -> tuple[CoursePage, ModulePage]:
        """The course and module above this lesson, read once per request (one query)."""
        if getattr(self, "_course_and_module", None) is None:
            self._course_and_module = self._read_course_and_module()
        return self._course_and_module

    def _read_course_and_module(self) -> tuple[CoursePage, ModulePage]:
        pages = {p.depth: p for p in Page.objects.filter(path__in=_ancestor_paths(self)).specific()}
        module = pages[self.depth - 1]
        course = pages[self.depth - 2]
        if not isinstance(module, ModulePage) or not isinstance(course, CoursePage):
            raise Http404
        return course, module

    def reflection_prompt_ids(self) -> set[str]:
        return {block.id for block in self.body if block.block_type == "reflection_prompt"}

    def reflection_prompt(self, prompt_id: str) -> str | None:
        for block in self.body:
            if block.block_type == "reflection_prompt" and block.id == prompt_id:
                return block.value["prompt"]
        return None

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from courses.views.lessons import lesson_gate

        gate = lesson_gate(request=request, lesson=self)
        if gate is not None:
            return gate
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses.companions import lesson_block_companions
        from courses.selectors import lesson_context
        from courses.views.lessons import gate_decision

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user, decision=gate_decision(request)))
        context["block_companions"] = lesson_block_companions(
            request=request, lesson=self, cohort=context["cohort"]
        )
        return context

    @path("complete/", name="complete")
    def complete(self, request: HttpRequest) -> HttpResponse:
        from courses.views.lessons import lesson_complete_view

        return lesson_complete_view(request, lesson=self)

    @path("reflections/<str:prompt_id>/", name="reflect")
    def reflect(self, request: HttpRequest, prompt_id: str) -> HttpResponse:
        from courses.views.reflections import reflection_submit_view

        return reflection_submit_view(request, lesson=self, prompt_id=prompt_id)
