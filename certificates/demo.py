"""Demo certificate criteria: set once, then left as the facilitators edit them."""

from __future__ import annotations

from certificates.models import CertificateCriteria
from courses.models import CoursePage

# Every lesson, half of the reflection prompts, half of the gatherings held.
DEMO_CRITERIA = {"enabled": True, "min_reflections_percent": 50, "min_attendance_percent": 50}


def seed_certificate_criteria(course: CoursePage) -> CertificateCriteria:
    criteria, _created = CertificateCriteria.objects.get_or_create(course=course, defaults=DEMO_CRITERIA)
    return criteria
