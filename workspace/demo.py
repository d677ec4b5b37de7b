"""The whole demo, every app's part in one transaction. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from certificates.demo import seed_certificate_criteria
from courses.demo.seed import SeedReport, seed_courses
from forums.demo import seed_forums
from groupwork.demo import seed_group_work
from live.demo import seed_gatherings


@transaction.atomic
def seed(now: dt.datetime | None = None) -> SeedReport:
    seeded = seed_courses(now)
    seed_gatherings(seeded.cohort_es)
    seed_forums(cohort=seeded.cohort_es, report=seeded.report)
    seed_group_work(seeded.cohort_es)
    seed_certificate_criteria(seeded.course_es)
    return seeded.report
