"""Forum pages under load: p50/p95 latency of the thread, space and search pages of a big cohort.

    .venv/bin/python bench/forums.py [--posts 10000] [--requests 200] [--concurrency 1] [--no-write]

What it does, in one run (everything on 127.0.0.1, every loop bounded in count and time):

1. A throwaway SQLite database in a temporary folder (`lms.settings.dev`, DEBUG off), migrated in
   this process; one course, one cohort with `--members` participants and a facilitator, and
   `--posts` contributions (Markdown rendered and sanitised as when written) spread over
   `--threads` conversations of the cohort space, the first thread holding `--big-thread` of them;
   two thirds are replies, with quotes, @mentions and reactions.
2. The SQL queries each page runs, counted in this process with Django's test client.
3. One daphne process serving `lms.asgi:application`; a participant's session cookie. After a
   warm-up, `--requests` GETs of each page, interleaved round-robin (so every page meets the same
   conditions), by `--concurrency` keep-alive HTTP/1.1 clients: the trivial `/healthz` view (one
   `SELECT 1`), the big thread (first page), the space (first page) and a search.
4. A Markdown table (p50, p95, max in ms; bytes; queries) printed, and appended to
   docs/benchmarks.md as the section "Forums pages" (replacing an earlier one), with the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a script: bench/<name>.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import HOST, ROOT, die_with_parent, free_port, wait_listening, write_section

REQUEST_TIMEOUT = 30
MAX_RUN_SECONDS = 900  # the measurement stops here whatever --requests says
SECTION = "## Forums pages"
WORDS = [
    "diálogo",
    "igualitario",
    "comunidad",
    "aprendizaje",
    "escuela",
    "familia",
    "lectura",
    "tertulia",
    "argumento",
    "transformación",
    "solidaridad",
    "sentido",
    "grupo",
    "interactivo",
    "maestra",
    "estudiantes",
    "voz",
    "pregunta",
    "experiencia",
    "acción",
    "barrio",
    "lengua",
    "quechua",
    "andes",
    "amazonía",
    "ugel",
    "docente",
]


# --- the data -------------------------------------------------------------------------------------------


@dataclass
class World:
    cookie: str
    pages: dict[str, str]  # name -> path
    queries: dict[str, int] = field(default_factory=dict)


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build_world(args: argparse.Namespace) -> World:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Page

    from courses.models import Cohort, CourseIndexPage, CoursePage, Enrollment, HomePage
    from forums import services
    from forums.models import Post, Reaction, Thread, ThreadSubscription
    from lms.markdown import render_markdown

    rng = random.Random(20260424)
    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    unusable = make_password(None)
    with transaction.atomic():
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Tertulia", slug="bench-home"))
        index = home.add_child(instance=CourseIndexPage(title="Cursos", slug="cursos"))
        course = index.add_child(
            instance=CoursePage(title="Curso de carga", slug="carga", summary="<p>Carga</p>", hours=10)
        )
        today = timezone.localdate()
        cohort = Cohort.objects.create(
            course=course,
            name="Cohorte de carga",
            starts_on=today - dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=120),
        )
        User.objects.bulk_create(
            [
                User(username=f"voz{n:03d}", first_name=f"Voz {n:03d}", last_name="Bench", password=unusable)
                for n in range(args.members)
            ]
            + [User(username="facilitadora", first_name="Facilitadora", password=unusable)]
        )
        people = list(User.objects.filter(username__startswith="voz").order_by("username"))
        facilitator = User.objects.get(username="facilitadora")
        Enrollment.objects.bulk_create(
            [Enrollment(cohort=cohort, user=u, role=Enrollment.Role.PARTICIPANT) for u in people]
            + [Enrollment(cohort=cohort, user=facilitator, role=Enrollment.Role.FACILITATOR)]
        )
        space = services.space_ensure_for_cohort(cohort=cohort)
        now = timezone.now()
        threads = Thread.objects.bulk_create(
            Thread(
                space=space,
                cohort=cohort,
                title=f"Conversación {i}: {_text(rng, 4)}",
                author=people[i % len(people)],
                last_activity_at=now - dt.timedelta(minutes=i),
            )
            for i in range(args.threads)
        )
        # The first thread holds --big-thread posts; the others share the rest.
        owners = [threads[0]] * min(args.big_thread, args.posts)
        rest = args.posts - len(owners)
        owners += [threads[1 + i % (len(threads) - 1)] for i in range(rest)] if len(threads) > 1 else []
        usernames = [p.username for p in people]
        roots: dict[int, list[Post]] = {}
        batch: list[Post] = []
        counts: dict[int, int] = {}
        for i, thread in enumerate(owners):
            author = people[i % len(people)]
            mention = usernames[(i * 7) % len(usernames)]
            body = f"{_text(rng, rng.randint(15, 60))} @{mention} **{rng.choice(WORDS)}**"
            post = Post(
                thread=thread,
                author=author,
                body_markdown=body,
                body_html=render_markdown(body, mentions=[mention]),
                created_at=now - dt.timedelta(seconds=args.posts - i),
                client_token=uuid.uuid4(),
            )
            earlier = roots.get(thread.pk, [])
            if i % 3 and earlier:  # two thirds are replies
                target = earlier[i % len(earlier)]
                post.reply_to, post.root, post.quote_text = target, target, _text(rng, 6)
            batch.append(post)
            counts[thread.pk] = counts.get(thread.pk, 0) + 1
            if len(batch) >= 500:
                _flush(batch, roots)
        _flush(batch, roots)
        for thread in threads:
            thread.post_count = counts.get(thread.pk, 0)
        Thread.objects.bulk_update(threads, ["post_count"], batch_size=500)
        post_ids = list(Post.objects.filter(thread__cohort=cohort).values_list("pk", "author_id"))
        Reaction.objects.bulk_create(
            [
                Reaction(post_id=pk, user=people[(j + 1) % len(people)], kind=kind)
                for j, (pk, author_id) in enumerate(post_ids)
                for kind in ("thanks", "resonates")
                if j % 2 == 0 and people[(j + 1) % len(people)].pk != author_id
            ],
            batch_size=1000,
        )
        reader = people[0]
        ThreadSubscription.objects.bulk_create(
            ThreadSubscription(user=reader, thread=t, level="watching") for t in threads[:50]
        )
        store = SessionStore()
        key = uuid.uuid4().hex
        data = {
            SESSION_KEY: str(reader.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: reader.get_session_auth_hash(),
        }
        Session.objects.create(
            session_key=key, session_data=store.encode(data), expire_date=now + dt.timedelta(days=1)
        )
    pages = {
        "trivial view (/healthz)": reverse("healthz"),
        f"thread ({min(args.big_thread, args.posts)} posts, page 1)": reverse(
            "forums:thread", args=[threads[0].pk]
        ),
        f"space ({args.threads} threads, page 1)": reverse("forums:space", args=[space.pk]),
        "search (2 words)": reverse("forums:search", args=[cohort.pk]) + "?q=comunidad+escuela",
    }
    world = World(cookie=f"{settings.SESSION_COOKIE_NAME}={key}", pages=pages)
    world.queries = count_queries(world, reader)
    connection.close()  # daphne owns the database from now on
    return world


def _flush(batch: list, roots: dict) -> None:
    from forums.models import Post

    Post.objects.bulk_create(batch)
    for post in batch:
        if post.root_id is None:
            roots.setdefault(post.thread_id, []).append(post)
    batch.clear()


def count_queries(world: World, user) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    result = {}
    for name, path in world.pages.items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        result[name] = len(ctx.captured_queries)
    return result


# --- the measurement ------------------------------------------------------------------------------------


@dataclass
class Sample:
    latencies_ms: list[float] = field(default_factory=list)
    bytes: int = 0
    errors: list[str] = field(default_factory=list)


def measure(port: int, world: World, args: argparse.Namespace) -> dict[str, Sample]:
    samples = {name: Sample() for name in world.pages}
    lock = threading.Lock()
    deadline = time.monotonic() + MAX_RUN_SECONDS
    plan = [name for _ in range(args.requests) for name in world.pages]  # round-robin, bounded
    cursor = iter(range(len(plan)))

    def worker(warmup: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        headers = {"Cookie": world.cookie, "Host": f"{HOST}:{port}", "Accept-Encoding": "identity"}
        try:
            for name in list(world.pages)[:] * warmup:  # warm-up, not recorded
                conn.request("GET", world.pages[name], headers=headers)
                conn.getresponse().read()
            while time.monotonic() < deadline:
                with lock:
                    index = next(cursor, None)
                if index is None:
                    return
                name = plan[index]
                started = time.perf_counter()
                try:
                    conn.request("GET", world.pages[name], headers=headers)
                    response = conn.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException) as exc:
                    with lock:
                        samples[name].errors.append(repr(exc))
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status != 200:
                        samples[name].errors.append(f"HTTP {response.status}")
                    samples[name].latencies_ms.append(elapsed)
                    samples[name].bytes = len(body)
        finally:
            conn.close()

    workers = [threading.Thread(target=worker, args=(args.warmup,)) for _ in range(args.concurrency)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(MAX_RUN_SECONDS + 60)
    return samples


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def run(world: World, args: argparse.Namespace, workdir: Path) -> dict[str, Sample]:
    port = free_port()
    log = workdir / "daphne.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", HOST, "-p", str(port), "lms.asgi:application"],
            cwd=ROOT,
            env=dict(os.environ),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
    try:
        wait_listening(process, port, log)
        return measure(port, world, args)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def table(world: World, samples: dict[str, Sample]) -> str:
    lines = [
        "| page | requests | p50 ms | p95 ms | max ms | bytes | SQL queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in samples.items():
        values = s.latencies_ms
        lines.append(
            f"| {name} | {len(values)} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} "
            f"| {max(values, default=float('nan')):.1f} | {s.bytes} | {world.queries.get(name, '')} "
            f"| {len(s.errors)} |"
        )
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="contributions in the cohort (10000)")
    parser.add_argument("--threads", type=int, default=200, help="conversations in the space (200)")
    parser.add_argument("--big-thread", type=int, default=500, help="posts in the measured thread (500)")
    parser.add_argument("--members", type=int, default=60, help="participants (60)")
    parser.add_argument("--requests", type=int, default=200, help="measured GETs of each page (200)")
    parser.add_argument("--warmup", type=int, default=5, help="unrecorded GETs of each page per client (5)")
    parser.add_argument("--concurrency", type=int, default=1, help="keep-alive clients at once (1)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs)")
    args = parser.parse_args(argv)
    if not 10 <= args.posts <= 200_000 or not 2 <= args.threads <= 10_000:
        parser.error("--posts must be in [10, 200000] and --threads in [2, 10000]")
    if not 2 <= args.members <= 5000 or not 1 <= args.big_thread <= args.posts:
        parser.error("--members must be in [2, 5000] and --big-thread in [1, --posts]")
    if not 1 <= args.requests <= 10_000 or not 0 <= args.warmup <= 100 or not 1 <= args.concurrency <= 32:
        parser.error("--requests in [1, 10000], --warmup in [0, 100], --concurrency in [1, 32]")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-bench-forums-"))
    os.environ |= {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "0",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    for name in ("REDIS_URL", "CHANNELS_PREFIX", "CACHE_PREFIX"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    command = shlex.join([".venv/bin/python", "bench/forums.py", *argv])
    print(f"# {command}", file=sys.stderr)
    try:
        started = time.perf_counter()
        world = build_world(args)
        print(f"  database ready in {time.perf_counter() - started:.1f} s ({workdir})", file=sys.stderr)
        samples = run(world, args, workdir)
    finally:
        if args.keep:
            print(f"  kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    errors = {name: s.errors[:3] for name, s in samples.items() if s.errors}
    markdown = "\n".join(
        [
            SECTION,
            "",
            f"{args.posts} contributions in {args.threads} conversations of one cohort space "
            f"({args.members} participants), SQLite, one daphne process, in-memory channel layer, "
            f"DEBUG off, signed in as a participant; {args.requests} GETs per page interleaved "
            f"round-robin by {args.concurrency} keep-alive client(s) on 127.0.0.1 after a warm-up. "
            "Latency is the whole request as the client sees it; SQL queries are counted once per "
            "page with Django's test client.",
            "",
            table(world, samples),
            "",
            f"Command: `{command}` — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
            f"{dt.datetime.now(dt.UTC).date().isoformat()}, load average at the end "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        ]
    )
    if errors:
        markdown += f"\n\nErrors: {errors}"
    print(markdown)
    if not args.no_write:
        print(f"  written to {write_section(markdown, SECTION)}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
