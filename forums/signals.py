"""What opens a cohort's forum: a cohort saved, a small group added, a lesson or a module published.

Courses sit below forums and cannot call them, so the forum listens: each receiver calls an
idempotent service of forums.services. Nothing here runs while a page is read; modules that open
later by date get their conversations from ``manage.py ensure_lesson_threads`` (run on a schedule).
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import Cohort, CohortGroup, LessonPage, ModulePage
from forums import services


@receiver(post_save, sender=Cohort, dispatch_uid="forums_cohort_saved")
def cohort_saved(sender, instance: Cohort, raw: bool = False, **kwargs) -> None:
    """A new cohort (or new dates) gets its spaces and the conversations of its open modules."""
    if not raw:
        services.cohort_forum_ensure(cohort=instance)


@receiver(post_save, sender=CohortGroup, dispatch_uid="forums_group_saved")
def group_saved(sender, instance: CohortGroup, raw: bool = False, **kwargs) -> None:
    """A small group gets its private space."""
    if not raw:
        services.space_ensure_for_cohort(cohort=instance.cohort)


@receiver(page_published, dispatch_uid="forums_page_published")
def page_published_opens_conversations(sender, instance, **kwargs) -> None:
    """A published lesson (or a module, whose release day may have moved) opens its conversations
    in every cohort of the course for which its module is already released."""
    if isinstance(instance, LessonPage):
        course, _module = instance.get_ancestors_of_type()
        services.lesson_threads_ensure_for_course(course=course, lessons=[instance])
    elif isinstance(instance, ModulePage):
        lessons = LessonPage.objects.child_of(instance).live().defer_streamfields()
        services.lesson_threads_ensure_for_course(course=instance.get_course(), lessons=lessons)
