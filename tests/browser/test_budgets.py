"""The page-weight budgets of DESIGN.md, measured on what Chromium really receives from daphne.

Sizes are Chromium's own count of bytes off the wire for each response (DevTools protocol
`Network.loadingFinished.encodedDataLength`: compressed body plus headers); a response served from the
browser's cache counts 0. Images and audio/video are media and not counted; HTML, CSS, JavaScript and
fonts are. The static files are served as in production (see server_settings.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from tests.browser.helpers import enter_room
from tests.conftest import BUDGET_PROPERTY

pytestmark = pytest.mark.browser

KB = 1024
LESSON_FIRST_LOAD = 100 * KB
LESSON_REPEAT_VISIT = 30 * KB
ROOM_FIRST_LOAD = 100 * KB
MEDIA = {"Image", "Media"}
HASHED_STATIC = re.compile(r"/static/.+\.[0-9a-f]{12}\.(css|js|svg|woff2?)$")
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture
def record_budget(record_property):
    """A measured figure, printed at the end of the run (tests/conftest.py), whichever worker measured it."""

    def record(name: str, kilobytes: float) -> None:
        record_property(f"{BUDGET_PROPERTY}{name}", kilobytes)

    return record


@dataclass
class Response:
    url: str
    kind: str
    status: int = 0
    mime: str = ""
    headers: dict = field(default_factory=dict)
    size: int = 0
    cached: bool = False

    @property
    def is_text(self) -> bool:
        return self.mime.startswith("text/") or self.mime in {"application/javascript", "application/json"}


class Recorder:
    """Every response a page receives, with its size on the wire, through a DevTools session."""

    def __init__(self, context, page):
        self.responses: dict[str, Response] = {}
        self.frames = 0  # WebSocket bytes received
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.requestWillBeSent", self._request)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.send("Network.enable")

    def _request(self, event):
        self.responses[event["requestId"]] = Response(event["request"]["url"], event.get("type", "Other"))

    def _response(self, event):
        r = self.responses.setdefault(event["requestId"], Response(event["response"]["url"], "Other"))
        response = event["response"]
        r.kind = event.get("type", r.kind)
        r.status = response["status"]
        r.mime = response.get("mimeType", "")
        r.headers = {k.lower(): v for k, v in response["headers"].items()}
        r.cached = (
            r.cached or response.get("fromDiskCache", False) or response.get("fromPrefetchCache", False)
        )

    def _from_cache(self, event):
        if event["requestId"] in self.responses:
            self.responses[event["requestId"]].cached = True

    def _finished(self, event):
        if event["requestId"] in self.responses:
            self.responses[event["requestId"]].size = int(event["encodedDataLength"])

    def _frame(self, event):
        self.frames += len(event["response"]["payloadData"].encode())

    def reset(self) -> None:
        self.responses.clear()
        self.frames = 0

    def counted(self) -> list[Response]:
        return [r for r in self.responses.values() if r.kind not in MEDIA and r.status]

    def total(self) -> int:
        return sum(r.size for r in self.counted())

    def table(self) -> str:
        return "\n".join(
            f"{r.size:>7} {'cache' if r.cached else '':5} {r.headers.get('content-encoding', ''):4} {r.url}"
            for r in self.counted()
        )


def visit(page, recorder: Recorder, url: str) -> None:
    recorder.reset()
    page.goto(url)
    page.wait_for_load_state("networkidle")


def assert_compressed_and_cacheable(recorder: Recorder) -> None:
    for r in recorder.counted():
        if r.cached or r.status != 200:
            continue
        if r.is_text and int(r.headers.get("content-length", "1000")) >= 200:
            # Django's GZipMiddleware leaves bodies under 200 bytes alone; everything else is compressed.
            assert r.headers.get("content-encoding") in {"gzip", "br"}, (r.url, r.headers)
        if "/static/" in r.url:
            assert HASHED_STATIC.search(r.url), f"not a hashed static name: {r.url}"
            cache = r.headers.get("cache-control", "")
            max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
            assert max_age >= ONE_YEAR and "immutable" in cache, (r.url, cache)


def test_a_lesson_first_load_and_repeat_visit_fit_the_budget(demo, new_context, record_budget):
    lesson = demo.lesson("aprender-en-dialogo")  # the longest kind: a reading with cited paragraphs
    context = new_context("participante11")
    page = context.new_page()
    recorder = Recorder(context, page)

    visit(page, recorder, lesson.url)
    assert page.locator(".reading").count() == 1
    first = recorder.total()
    assert {r.kind for r in recorder.counted()} >= {"Document", "Stylesheet"}, recorder.table()
    assert_compressed_and_cacheable(recorder)
    assert first <= LESSON_FIRST_LOAD, recorder.table()
    first_table = recorder.table()

    visit(page, recorder, lesson.url)  # the same person comes back to the lesson
    repeat = recorder.total()
    static = [r for r in recorder.counted() if "/static/" in r.url]
    assert static and all(r.cached and r.size == 0 for r in static), recorder.table()
    assert repeat <= LESSON_REPEAT_VISIT, recorder.table()

    record_budget("lesson, first load", first / KB)
    record_budget("lesson, repeat visit", repeat / KB)
    (demo.artifacts / "budgets.txt").write_text(
        f"lesson first load: {first} bytes\n{first_table}\n"
        f"lesson repeat visit: {repeat} bytes\n{recorder.table()}\n"
    )


def test_the_room_page_fits_the_budget(demo, new_context, record_budget):
    gathering = demo.open_gathering("Tertulia liviana")
    context = new_context("participante11")
    page = context.new_page()
    recorder = Recorder(context, page)

    enter_room(page, gathering)
    page.wait_for_load_state("networkidle")
    kinds = {r.kind for r in recorder.counted()}
    assert {"Document", "Stylesheet", "Script"} <= kinds, recorder.table()
    assert_compressed_and_cacheable(recorder)
    total = recorder.total() + recorder.frames  # the page, its files and the first WebSocket frames
    assert total <= ROOM_FIRST_LOAD, recorder.table()

    record_budget("room, first load (with WebSocket welcome)", total / KB)
    with (demo.artifacts / "budgets.txt").open("a") as report:
        report.write(f"room first load: {total} bytes (WebSocket {recorder.frames})\n{recorder.table()}\n")


def test_text_responses_are_compressed_across_the_site(demo, new_context):
    """Pages, styles and scripts a participant meets go out gzip- (or brotli-) compressed."""
    thread = demo.thread("¿Las altas expectativas")
    context = new_context("participante11")
    page = context.new_page()
    recorder = Recorder(context, page)
    for url in ("/", "/learning/", "/catalogue/", f"/threads/{thread.pk}/", demo.cohort("es").course.url):
        visit(page, recorder, url)
        assert_compressed_and_cacheable(recorder)
        document = next(r for r in recorder.counted() if r.kind == "Document")
        assert document.headers.get("content-encoding") in {"gzip", "br"}, url
