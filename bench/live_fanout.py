"""Live room fan-out: N real WebSocket clients in one gathering, chat at a steady rate, delivery latency.

    .venv/bin/python bench/live_fanout.py [--clients 500] [--rate 5] [--seconds 20] [--redis]

What it does, in one run (everything on 127.0.0.1, every loop bounded in count and time):

1. A throwaway SQLite database in a temporary folder (`lms.settings.dev`, DEBUG off), migrated in
   this process; one course, one cohort, one gathering open now, N participants and one
   facilitator (the sender), each with a Django session.
2. Tertulia: one daphne process with the in-memory channel layer, or with `--redis` two daphne
   processes sharing Redis (unique channel and cache prefixes), clients split between them.
3. N `websockets` clients connect in batches and read `welcome`; they keep reading everything and
   send the protocol's keep-alive `ping` every 25 s as the room page does. Once the room is quiet,
   the sender sends `chat.send` at `--rate` per second for `--seconds`, each text carrying
   `time.perf_counter_ns()` (one machine, one clock). Every client records, per message, the time
   from just before the send to its arrival; messages lost and duplicates are counted.
4. The same clients, in the same run, against a bare `websockets` broadcast server (this file,
   `--serve-bare`, a separate process): it registers connections, greets with a `welcome`, answers
   `ping` with `pong` and broadcasts every other message to everyone with `websockets.broadcast`.
5. A Markdown table for both, the server memory (VmRSS, VmHWM from /proc) and the command line.

The chat rate limit (8 messages per member per 10 s) is lifted for the run through `CHAT_RATE`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import random
import resource
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a script: bench/<name>.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import HOST, ROOT, die_with_parent, free_port, wait_listening

PING_EVERY_SECONDS = 25  # as live/static/live/room.js
CONNECT_TIMEOUT = 60
CONNECT_ATTEMPTS = 6  # a refused or timed-out handshake is retried with backoff, as room.js does
MAX_SETTLE_SECONDS = 300  # the join storm must be over before the measurement starts:
QUIET_SECONDS = 3.0  # no frame for this long and the server(s) nearly idle
IDLE_CPU_SHARE = 0.3  # "nearly idle": under this share of one core (keep-alive pings cost some)
MAX_DRAIN_SECONDS = 180  # after the last send, wait at most this long for stragglers,
STALL_SECONDS = 10  # ... and stop early when nothing arrived for this long and the server is idle
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- processes ----------------------------------------------------------------------------------


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,  # no threads in this process yet
        )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def proc_status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def proc_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


# --- the database, the people and their sessions ------------------------------------------------


@dataclass
class World:
    gathering_id: int
    sender_cookie: str
    cookies: list[str]


def build_world(clients: int) -> World:
    """Migrate the throwaway database and create the course, cohort, gathering and people."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from wagtail.models import Page

    from courses.models import Cohort, CourseIndexPage, CoursePage, Enrollment, HomePage
    from live.models import Gathering

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
            starts_on=today - dt.timedelta(days=7),
            ends_on=today + dt.timedelta(days=120),
        )
        now = timezone.now()
        gathering = Gathering.objects.create(
            cohort=cohort,
            title="Tertulia de carga",
            starts_at=now - dt.timedelta(minutes=5),
            ends_at=now + dt.timedelta(hours=3),
        )
        people = [
            User(
                username=f"bench{n:04d}",
                first_name=f"Participante {n:04d}",
                last_name="Bench",
                email=f"bench{n:04d}@example.org",
                password=unusable,  # these people only sign in through the sessions below
            )
            for n in range(clients)
        ]
        people.append(
            User(
                username="bench-facilitator",
                first_name="Facilitadora",
                last_name="Bench",
                email="bench-facilitator@example.org",
                password=unusable,
            )
        )
        User.objects.bulk_create(people, batch_size=500)
        facilitator = User.objects.get(username="bench-facilitator")
        people = list(User.objects.filter(username__startswith="bench0").order_by("username"))
        Enrollment.objects.bulk_create(
            [Enrollment(cohort=cohort, user=u, role=Enrollment.Role.PARTICIPANT) for u in people]
            + [Enrollment(cohort=cohort, user=facilitator, role=Enrollment.Role.FACILITATOR)],
            batch_size=500,
        )
        store = SessionStore()
        expires = now + dt.timedelta(days=1)
        sessions = []
        cookies = []
        for user in [*people, facilitator]:
            key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
            data = {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
            cookies.append(f"{settings.SESSION_COOKIE_NAME}={key}")
        Session.objects.bulk_create(sessions, batch_size=500)
    connection.close()  # the servers own the database from now on
    return World(gathering_id=gathering.pk, sender_cookie=cookies.pop(), cookies=cookies)


# --- the clients --------------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    headers: dict[str, str]


@dataclass
class Client:
    target: Target
    marker: str
    ws: object = None
    frames: int = 0  # everything but pongs
    pongs: int = 0
    chars: int = 0
    received: dict[int, int] = field(default_factory=dict)  # message number -> times received
    latencies_ns: list[int] = field(default_factory=list)
    out_of_order: int = 0
    retries: int = 0
    last_number: int = -1
    errors: list[str] = field(default_factory=list)
    closed: str | None = None
    tasks: list[asyncio.Task] = field(default_factory=list)

    async def open(self) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidHandshake

        for attempt in range(CONNECT_ATTEMPTS):
            try:
                self.ws = await connect(
                    self.target.url,
                    additional_headers=self.target.headers,
                    open_timeout=CONNECT_TIMEOUT,
                    close_timeout=2,
                    ping_interval=None,  # the protocol's own keep-alive below, as browsers run it
                    compression=None,
                    max_size=2**24,
                )
                break
            except (OSError, TimeoutError, InvalidHandshake):
                if attempt == CONNECT_ATTEMPTS - 1:
                    raise
                self.retries += 1
                await asyncio.sleep(min(8.0, 0.5 * 2**attempt) * random.uniform(0.5, 1.5))
        welcome = await asyncio.wait_for(self.ws.recv(), CONNECT_TIMEOUT)
        if not welcome.startswith('{"type":"welcome"'):
            raise RuntimeError(f"expected welcome, got {welcome[:200]}")
        self.tasks = [asyncio.create_task(self.read()), asyncio.create_task(self.keep_alive())]

    async def read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        marker = self.marker
        try:
            async for raw in self.ws:
                now = time.perf_counter_ns()
                if raw == '{"type":"pong"}':
                    self.pongs += 1
                    continue
                self.frames += 1
                self.chars += len(raw)
                if marker in raw:
                    frame = json.loads(raw)
                    _, number, sent_ns = frame["text"].split()
                    number = int(number)
                    self.received[number] = self.received.get(number, 0) + 1
                    self.latencies_ns.append(now - int(sent_ns))
                    if number < self.last_number:
                        self.out_of_order += 1
                    self.last_number = max(self.last_number, number)
                elif raw.startswith('{"type":"error"'):
                    self.errors.append(raw[:300])
        except ConnectionClosed as closed:
            self.closed = str(closed)
        else:
            self.closed = f"closed by server: {self.ws.close_code} {self.ws.close_reason}"

    async def keep_alive(self) -> None:
        await asyncio.sleep(random.uniform(0, PING_EVERY_SECONDS))
        while True:
            await self.ws.send('{"type":"ping"}')
            await asyncio.sleep(PING_EVERY_SECONDS)

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)


async def wait_until(
    done, progress, pids: list[int], *, quiet: float, max_seconds: float
) -> tuple[float, bool]:
    """Wait until `done()`, or until `progress()` stood still for `quiet` seconds while the servers
    were nearly idle, or `max_seconds`. Returns the time waited and whether the wait ended by itself."""
    started = time.perf_counter()
    last_progress, last_change = progress(), started
    samples = [(started, sum(proc_cpu_seconds(pid) for pid in pids))]
    while (now := time.perf_counter()) - started < max_seconds:
        if done():
            return now - started, True
        current = progress()
        if current != last_progress:
            last_progress, last_change = current, now
        samples.append((now, sum(proc_cpu_seconds(pid) for pid in pids)))
        window = [s for s in samples if now - s[0] <= quiet]
        samples = samples[-200:]
        busy = (window[-1][1] - window[0][1]) / max(window[-1][0] - window[0][0], 1e-3)
        if now - last_change >= quiet and now - started >= quiet and busy < IDLE_CPU_SHARE:
            return now - started, True
        await asyncio.sleep(0.25)
    return time.perf_counter() - started, False


def percentile(ordered: list[int], p: float) -> float:
    """Nearest rank, in milliseconds."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] / 1e6


@dataclass
class Measurement:
    setup: str
    clients: int = 0
    connected: int = 0
    messages: int = 0
    p50: float = math.nan
    p95: float = math.nan
    p99: float = math.nan
    max: float = math.nan
    lost: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    dropped: int = 0
    deaf: int = 0  # connected clients that received none of the messages
    sender_errors: list[str] = field(default_factory=list)
    rss_end_mb: float = 0.0
    rss_peak_mb: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    connect_s: float = 0.0
    settle_s: float = 0.0
    join_frames: int = 0
    join_mb: float = 0.0
    send_s: float = 0.0
    drain_s: float = 0.0
    retries: int = 0
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)


async def measure(
    setup: str, targets: list[Target], sender_target: Target, pids: list[int], args: argparse.Namespace
) -> Measurement:
    result = Measurement(setup=setup, clients=len(targets), load=os.getloadavg())
    marker = f"fanout{secrets.token_hex(4)}"
    clients = [Client(target, marker) for target in targets]
    sender = Client(sender_target, marker)
    try:
        started = time.perf_counter()
        await sender.open()
        failures = []
        for first in range(0, len(clients), args.batch):
            batch = clients[first : first + args.batch]
            outcomes = await asyncio.gather(*(c.open() for c in batch), return_exceptions=True)
            failures += [repr(o) for o in outcomes if isinstance(o, BaseException)]
            if args.join_pause and first + args.batch < len(clients):
                await asyncio.sleep(args.join_pause)
        connected = [c for c in clients if c.tasks]
        result.connected = len(connected)
        result.connect_s = time.perf_counter() - started
        if failures:
            print(f"  {len(failures)} clients failed to connect, e.g. {failures[0]}", file=sys.stderr)

        result.retries = sum(c.retries for c in clients)
        # The join storm (presence frames) must be over before chat is measured.
        result.settle_s, settled = await wait_until(
            lambda: False,
            lambda: sum(c.frames for c in connected),
            pids,
            quiet=QUIET_SECONDS,
            max_seconds=MAX_SETTLE_SECONDS,
        )
        if not settled:
            print(f"  the join had not settled after {MAX_SETTLE_SECONDS} s; sending anyway", file=sys.stderr)
        result.join_frames = sum(c.frames for c in connected)
        result.join_mb = sum(c.chars for c in connected) / 1e6
        joined = {id(c): len(c.received) for c in connected}
        assert not any(joined.values()), "chat frames before the first send"

        cpu_before = sum(proc_cpu_seconds(pid) for pid in pids)
        client_cpu_before = sum(os.times()[:2])
        messages = max(1, round(args.rate * args.seconds))
        print(f"  sending {messages} messages; server pids {pids}", file=sys.stderr)
        send_started = time.perf_counter()
        for number in range(messages):
            delay = send_started + number / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            text = f"{marker} {number} {time.perf_counter_ns()}"
            await sender.ws.send(
                json.dumps({"type": "chat.send", "text": text, "client_msg_id": f"{marker}-{number}"})
            )
        result.send_s = time.perf_counter() - send_started
        result.messages = messages

        result.drain_s, _ = await wait_until(
            lambda: all(len(c.received) >= messages for c in connected),
            lambda: sum(len(c.latencies_ns) for c in connected),
            pids,
            quiet=STALL_SECONDS,
            max_seconds=MAX_DRAIN_SECONDS,
        )
        result.server_cpu_s = sum(proc_cpu_seconds(pid) for pid in pids) - cpu_before
        result.client_cpu_s = sum(os.times()[:2]) - client_cpu_before
        result.rss_end_mb = sum(proc_status_kb(pid, "VmRSS") for pid in pids) / 1024
        result.rss_peak_mb = sum(proc_status_kb(pid, "VmHWM") for pid in pids) / 1024

        latencies = sorted(ns for c in connected for ns in c.latencies_ns)
        result.p50, result.p95, result.p99 = (percentile(latencies, p) for p in (50, 95, 99))
        result.max = latencies[-1] / 1e6 if latencies else math.nan
        unique = sum(1 for c in connected for n in c.received if 0 <= n < messages)
        result.lost = messages * len(connected) - unique
        result.duplicates = sum(sum(c.received.values()) for c in connected) - unique
        result.out_of_order = sum(c.out_of_order for c in connected)
        result.dropped = sum(1 for c in connected if c.closed)
        result.deaf = sum(1 for c in connected if not c.received)
        result.sender_errors = sender.errors[:3]
        if result.dropped:
            example = next(c.closed for c in connected if c.closed)
            print(f"  {result.dropped} clients were disconnected, e.g. {example}", file=sys.stderr)
        return result
    finally:
        await asyncio.gather(sender.close(), *(c.close() for c in clients))


# --- the two servers ----------------------------------------------------------------------------


def run_tertulia(world: World, args: argparse.Namespace, workdir: Path) -> Measurement:
    processes = 2 if args.redis else 1
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CHANNELS_PREFIX", "CACHE_PREFIX"}}
    prefix = f"tertulia-bench-{secrets.token_hex(4)}"
    if args.redis:
        env |= {"REDIS_URL": args.redis_url, "CHANNELS_PREFIX": prefix, "CACHE_PREFIX": prefix}
    ports = [free_port() for _ in range(processes)]
    started: list[subprocess.Popen] = []
    try:
        for n, port in enumerate(ports):
            log = workdir / f"daphne-{n}.log"
            command = [sys.executable, "-m", "daphne", "-b", HOST, "-p", str(port), "lms.asgi:application"]
            started.append(start(command, env, log))
        for n, (process, port) in enumerate(zip(started, ports, strict=True)):
            wait_listening(process, port, workdir / f"daphne-{n}.log")

        def target(port: int, cookie: str) -> Target:
            return Target(
                f"ws://{HOST}:{port}/ws/gatherings/{world.gathering_id}/",
                {"Cookie": cookie, "Origin": f"http://{HOST}:{port}"},
            )

        targets = [target(ports[n % processes], cookie) for n, cookie in enumerate(world.cookies)]
        setup = (
            "Tertulia: 2 daphne, Redis layer, SQLite"
            if args.redis
            else "Tertulia: 1 daphne, in-memory layer, SQLite"
        )
        return asyncio.run(
            measure(setup, targets, target(ports[0], world.sender_cookie), [p.pid for p in started], args)
        )
    finally:
        stop(started)
        if args.redis:
            forget_redis_keys(args.redis_url, prefix)


def require_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        raise SystemExit(f"--redis needs Redis at {url}: {error}") from error


def forget_redis_keys(url: str, prefix: str) -> None:
    import redis

    with contextlib.suppress(redis.exceptions.RedisError):
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        for pattern in (f"{prefix}*", f":*:{prefix}*", f"{prefix}:*"):
            keys = list(client.scan_iter(match=pattern, count=1000))[:100_000]
            for first in range(0, len(keys), 1000):
                client.delete(*keys[first : first + 1000])


def run_bare(world: World, args: argparse.Namespace, workdir: Path) -> Measurement:
    import websockets

    port = free_port()
    log = workdir / "bare.log"
    process = start(
        [sys.executable, str(Path(__file__).resolve()), "--serve-bare", str(port)], {**os.environ}, log
    )
    try:
        wait_listening(process, port, log)
        target = Target(f"ws://{HOST}:{port}/", {"Origin": f"http://{HOST}:{port}"})
        return asyncio.run(
            measure(
                f"bare websockets {websockets.__version__} broadcast",
                [target] * len(world.cookies),
                target,
                [process.pid],
                args,
            )
        )
    finally:
        stop([process])


async def serve_bare(port: int) -> None:
    """The reference: register connections, broadcast every message to all, nothing else."""
    from websockets.asyncio.server import broadcast, serve

    connections = set()
    parent = os.getppid()

    async def handler(ws) -> None:
        connections.add(ws)
        try:
            await ws.send('{"type":"welcome"}')
            async for message in ws:
                if message == '{"type":"ping"}':
                    await ws.send('{"type":"pong"}')
                else:
                    broadcast(connections, message)
        finally:
            connections.discard(ws)

    stopped = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set_result, None)
    async with serve(handler, HOST, port, compression=None, ping_interval=None, max_size=2**16):
        for _ in range(6 * 3600):  # at most six hours, and never beyond the benchmark that started us
            if stopped.done() or os.getppid() != parent:
                break
            await asyncio.sleep(1)


# --- report -------------------------------------------------------------------------------------


def table(results: list[Measurement]) -> str:
    lines = [
        "| setup | clients | messages | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates "
        "| server RSS MB (end / peak) | server CPU s (send phase) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.setup} | {r.connected}/{r.clients} | {r.messages} | {r.p50:.1f} | {r.p95:.1f} "
            f"| {r.p99:.1f} | {r.max:.1f} | {r.lost} | {r.duplicates} "
            f"| {r.rss_end_mb:.0f} / {r.rss_peak_mb:.0f} | {r.server_cpu_s:.1f} |"
        )
    lines += [
        "",
        "| setup | connect s | connect retries | join settled after s | frames during join "
        "| MB during join | send s | drain s | client CPU s | out of order | disconnected "
        "| received nothing | load average at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.setup} | {r.connect_s:.1f} | {r.retries} | {r.settle_s:.1f} | {r.join_frames} "
            f"| {r.join_mb:.1f} | {r.send_s:.1f} | {r.drain_s:.1f} | {r.client_cpu_s:.1f} "
            f"| {r.out_of_order} | {r.dropped} | {r.deaf} "
            f"| {' '.join(f'{x:.2f}' for x in r.load)} |"
        )
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500, help="participants connected (default 500)")
    parser.add_argument("--rate", type=float, default=5.0, help="chat messages per second (default 5)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the sender sends (default 20)")
    parser.add_argument("--redis", action="store_true", help="two daphne processes sharing Redis")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    parser.add_argument("--batch", type=int, default=25, help="clients connecting at once (default 25)")
    parser.add_argument(
        "--join-pause", type=float, default=0.0, help="seconds between connection batches (default 0)"
    )
    parser.add_argument("--skip-bare", action="store_true", help="measure Tertulia only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, logs)")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 5000:
        parser.error("--clients must be between 1 and 5000")
    if not 0 < args.rate <= 200 or not 0 < args.seconds <= 600:
        parser.error("--rate must be in (0, 200] and --seconds in (0, 600]")
    if not 1 <= args.batch <= 500:
        parser.error("--batch must be between 1 and 500")
    if not 0 <= args.join_pause <= 60:
        parser.error("--join-pause must be between 0 and 60 seconds")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.serve_bare:
        asyncio.run(serve_bare(args.serve_bare))
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < args.clients + 100:
        print(f"warning: {hard} open files allowed, {args.clients} clients need more", file=sys.stderr)

    if args.redis:
        require_redis(args.redis_url)
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-bench-"))
    messages = max(1, round(args.rate * args.seconds))
    os.environ |= {
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DEBUG": "0",
        # The sender is one member sending far more than 8 messages per 10 s.
        "CHAT_RATE": f"{messages + 100}/{int(args.seconds) + 600}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    sys.path.insert(0, str(ROOT))
    command = shlex.join([".venv/bin/python", "bench/live_fanout.py", *argv])
    print(f"# {command}", file=sys.stderr)
    results = []
    try:
        started = time.perf_counter()
        world = build_world(args.clients)
        print(f"  database ready in {time.perf_counter() - started:.1f} s ({workdir})", file=sys.stderr)
        results.append(run_tertulia(world, args, workdir))
        print(f"  {results[-1].setup}: p99 {results[-1].p99:.1f} ms", file=sys.stderr)
        if not args.skip_bare:
            results.append(run_bare(world, args, workdir))
            print(f"  {results[-1].setup}: p99 {results[-1].p99:.1f} ms", file=sys.stderr)
    finally:
        if args.keep:
            print(f"  kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(results))
    print()
    print(
        "Latency: from just before `chat.send` to arrival, over delivered messages only. Lost: messages "
        "× connected clients − delivered (within the drain window). RSS summed over server processes."
    )
    print()
    for r in results:
        if r.sender_errors:
            print(f"Errors answered to the sender ({r.setup}): {r.sender_errors}")
    print(
        f"Command: `{command}` — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}."
    )
    return 0 if all(r.lost == 0 and r.duplicates == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
