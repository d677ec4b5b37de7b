"""The facilitators' cohort dashboard: server time to render it for the demo cohort and a big one.

    .venv/bin/python bench/dashboard.py [--participants 200] [--lessons 60] [--requests 20] [--no-write]

What it does, in one run:

1. A throwaway SQLite database in a temporary folder (`lms.settings.dev`, DEBUG off), migrated and
   loaded with the demo (`seed_demo`), plus one more course of `--lessons` lessons (6 modules, all
   released) and a cohort of `--participants` participants in two small groups, each having
   completed a different share of the lessons, three reflections waiting for feedback.
2. For each cohort, signed in as its facilitator with Django's test client in this process:
   one warm-up, then `--requests` renders of the dashboard and of the progress XLSX export, timed
   from request to complete response (the server's work, no network), with the SQL queries counted.
3. A Markdown table (p50, p95, max in ms; bytes; queries) printed, and written to
   docs/benchmarks.md as the section "Facilitator dashboard" (replacing an earlier one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a script: bench/<name>.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, write_section

SECTION = "## Facilitator dashboard"


def build(args: argparse.Namespace) -> list[tuple[str, object, object]]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from courses import services
    from courses.models import Cohort, CohortGroup, Enrollment, LessonCompletion
    from tests.factories import enrol, make_cohort, make_course, make_user

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    demo = Cohort.objects.filter(enrollments__user__username="facilitadora1").order_by("-starts_on").first()
    demo_facilitator = demo.enrollments.filter(role=Enrollment.Role.FACILITATOR).first().user
    with transaction.atomic():
        per_module = max(1, args.lessons // 6)
        tree = make_course("Curso medido", modules=6, lessons=per_module, offsets=[0] * 6)
        cohort = make_cohort(tree.course, started_days_ago=30)
        facilitator = make_user("bench-facilitator")
        services.enrolment_add(cohort=cohort, user=facilitator, role=Enrollment.Role.FACILITATOR)
        groups = [CohortGroup.objects.create(cohort=cohort, name=f"GIA {n}") for n in (1, 2)]
        lessons = tree.all_lessons
        members = [enrol(make_user(), cohort, group=groups[i % 2]) for i in range(args.participants)]
        LessonCompletion.objects.bulk_create(
            LessonCompletion(enrollment=e, lesson=lesson)
            for i, e in enumerate(members)
            for lesson in lessons[: i % (len(lessons) + 1)]
        )
    big = f"{args.participants} participants × {len(lessons)} lessons"
    return [("demo cohort", demo, demo_facilitator), (big, cohort, facilitator)]


def measure(cohorts, requests: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    results = []
    for label, cohort, facilitator in cohorts:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(facilitator)
        base = reverse("workspace_cohort_dashboard", args=[cohort.pk])
        for page, path in (("dashboard", base), ("progress XLSX", base + "?export=progress&format=xlsx")):
            response = client.get(path)  # warm-up
            assert response.status_code == 200, (path, response.status_code)
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(path)
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            results.append(
                {
                    "cohort": label,
                    "page": page,
                    "p50": statistics.median(times),
                    "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
                    "max": times[-1],
                    "bytes": len(response.content),
                    "queries": len(queries),
                }
            )
    return results


def table(results: list[dict]) -> str:
    lines = [
        "| cohort | page | p50 ms | p95 ms | max ms | bytes | queries |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['cohort']} | {r['page']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | "
        f"{r['bytes']:,} | {r['queries']} |"
        for r in results
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=60)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    args = parser.parse_args(argv)
    if not 1 <= args.participants <= 5000 or not 6 <= args.lessons <= 600 or not 1 <= args.requests <= 500:
        parser.error("--participants in [1, 5000], --lessons in [6, 600], --requests in [1, 500]")
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-bench-dashboard-"))
    os.environ |= {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "0",
    }
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    command = shlex.join([".venv/bin/python", "bench/dashboard.py", *argv])
    print(f"# {command}", file=sys.stderr)
    try:
        started = time.perf_counter()
        cohorts = build(args)
        print(f"  database ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        results = measure(cohorts, args.requests)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    slowest = max(r["p95"] for r in results if r["cohort"] == "demo cohort")
    markdown = "\n".join(
        [
            SECTION,
            "",
            "Server time to render the cohort dashboard in the Wagtail admin (progress matrix, "
            "participation with Gini, feedback inbox) and its progress XLSX export, signed in as the "
            f"cohort's facilitator; SQLite, DEBUG off, Django's test client in-process, {args.requests} "
            "renders after a warm-up. The target is under one second on the seeded data.",
            "",
            table(results),
            "",
            f"Slowest p95 on the demo cohort: {slowest:.0f} ms "
            f"({'within' if slowest < 1000 else 'OVER'} the 1 s target).",
            "",
            f"Command: `{command}` — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
            f"{dt.datetime.now(dt.UTC).date().isoformat()}.",
        ]
    )
    print(markdown)
    if not args.no_write:
        print(f"  written to {write_section(markdown, SECTION)}", file=sys.stderr)
    return 0 if slowest < 1000 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
