"""The XSS corpus in a real browser: Chromium opens every page that shows what participants wrote (the
same list as test_xss.py), served by daphne with the production middleware, and nothing may run.

Every payload calls ``xss(N)``; the page is given a ``window.xss`` that records calls, ``alert``
dialogs are recorded too, and so are Content-Security-Policy violations: a violation means markup
reached the page that would have run without the policy (the policy is the second line of defence,
escaping the first). After the page's own scripts ran, the live DOM is scanned for handlers,
``javascript:`` URLs and stray scripts, which catches markup inserted by our JavaScript (the room's
chat, queue and polls; the thread's live contributions) even when nothing triggers it.

One server, one browser and one populated database for the whole module (rows committed, then the
database is flushed like any transactional test does). Needs Chromium: fails in CI when it is missing.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from forums import services as forum_services
from tests.conftest import build_world
from tests.security.xss_payloads import PAYLOADS
from tests.security.xss_world import PAGE_LABELS, populate
from tests.servers import CHROMIUM_ARGS, chromium, servers, session_key

HOOK = """
window.__xss = [];
window.xss = function (n) { window.__xss.push(String(n)); };
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sample || ""));
});
"""

DOM_SCAN = r"""
() => {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\x00-\x20]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(el.tagName + " " + name + "=" + a.value.slice(0, 60));
      if (name === "style") found.push(el.tagName + " style=" + a.value.slice(0, 60));
      if (urlAttributes.includes(name) && /^(javascript:|vbscript:|data:text\/html)/.test(value))
        found.push(el.tagName + " " + name + "=" + a.value.slice(0, 60));
    }
    if (el.tagName === "SCRIPT" && !el.src && !/json/.test(el.type)) found.push("inline SCRIPT");
    if (["OBJECT", "EMBED", "BASE", "IFRAME", "FRAME"].includes(el.tagName)) found.push(el.tagName);
  }
  return found;
}
"""


# Pages every visitor sees, and the Wagtail admin under its own policy: no violation report either.
KEY_PAGES = [
    "home", "catalogue", "course", "lesson", "sign in", "sign up", "password reset", "calendar",
    "API docs", "lesson with the editor's userbar", "admin dashboard", "admin page editor", "admin preview",
    "admin images", "admin documents",
]  # fmt: skip


def key_pages(x) -> dict[str, tuple[str, str]]:
    course = x.world.tree.course
    lesson = x.lesson
    return {
        "home": ("anonymous", "/"),
        "catalogue": ("anonymous", course.get_parent().url),
        "course": ("participant", course.url),
        "lesson": ("participant", lesson.url),
        "sign in": ("anonymous", "/accounts/login/"),
        "sign up": ("anonymous", "/accounts/signup/"),
        "password reset": ("anonymous", "/accounts/password_reset/"),
        "calendar": ("participant", f"/cohorts/{x.world.cohort.pk}/calendar/"),
        "API docs": ("anonymous", "/api/v1/docs/"),
        "lesson with the editor's userbar": ("editor", lesson.url),
        "admin dashboard": ("editor", "/admin/"),
        "admin page editor": ("editor", f"/admin/pages/{lesson.pk}/edit/"),
        "admin preview": ("editor", f"/admin/pages/{lesson.pk}/edit/preview/"),
        "admin images": ("editor", "/admin/images/"),
        "admin documents": ("editor", "/admin/documents/"),
    }


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """The suite's own fixture resets the channel layer with async_to_sync, which cannot run while the
    module's Playwright (its event loop) is open in this thread; nothing here uses the layer."""
    yield


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """({page label: (role, address)}, base URL, {role: browser context})."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with django_db_blocker.unblock():
        try:
            x = populate(build_world())
            participant = x.world.participant
            live = forum_services.thread_create(
                user=participant, space=x.space, title="En vivo", body="Hola.", enforce_rate_limit=False
            )
            # Addresses are read now: the database cannot be used while Playwright's loop runs.
            urls = {label: (role, url) for label, role, url in x.pages()}
            urls["live thread"] = ("participant", live.get_absolute_url())
            urls["room"] = ("participant", f"/gatherings/{x.gathering.pk}/room/")
            editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "x")
            x.editor = editor
            urls.update(key_pages(x))
            roles = ["anonymous", "participant", "facilitator", "writer", "editor"]
            keys = {role: session_key(x.user(role)) for role in roles if x.user(role) is not None}
            with servers(1) as (ports, _processes), sync_playwright() as p:
                base = f"http://127.0.0.1:{ports[0]}"
                browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                contexts = {}
                for role in roles:
                    context = browser.new_context()
                    context.add_init_script(HOOK)
                    if role in keys:
                        context.add_cookies(
                            [{"name": settings.SESSION_COOKIE_NAME, "value": keys[role], "url": base}]
                        )
                    contexts[role] = context
                try:
                    yield urls, base, contexts
                finally:
                    browser.close()
        finally:
            call_command("flush", verbosity=0, interactive=False, reset_sequences=False)


def open_page(site, role: str, url: str):
    _x, base, contexts = site
    page = contexts[role].new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    response = page.goto(base + url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    if page.locator("#room").count():
        page.locator('#room-status[data-state="online"]').wait_for(timeout=15_000)
    page.wait_for_timeout(300)  # handlers of images that failed, toggles, autofocus
    return page


def findings(site, page) -> dict:
    return {
        "ran": page.evaluate("window.__xss"),
        "dialogs": list(page.dialogs),
        "csp_violations": page.evaluate("window.__csp"),
        "dom": page.evaluate(DOM_SCAN),
    }


CLEAN = {"ran": [], "dialogs": [], "csp_violations": [], "dom": []}


@pytest.mark.parametrize("label", PAGE_LABELS)
def test_nothing_runs(site, label):
    role, url = site[0][label]
    page = open_page(site, role, url)
    try:
        assert findings(site, page) == CLEAN, f"{label}: {url}"
    finally:
        page.close()


@pytest.mark.parametrize("label", KEY_PAGES)
def test_key_pages_break_no_policy(site, label):
    role, url = site[0][label]
    page = open_page(site, role, url)
    try:
        if label == "API docs":
            page.locator(".swagger-ui .info").wait_for(timeout=15_000)  # drawn by its scripts
        if label == "lesson with the editor's userbar":
            page.locator("wagtail-userbar").wait_for(state="attached", timeout=15_000)
        page.wait_for_timeout(500)
        assert page.evaluate("window.__csp") == [], f"{label}: {url}"
        assert page.evaluate("window.__xss") == [] and page.dialogs == []
    finally:
        page.close()


def test_the_harness_sees_what_would_run(site):
    """The hook records calls and the policy is on: markup injected into the page is reported."""
    page = open_page(site, *site[0]["thread"])
    try:
        page.evaluate("xss('control')")
        page.evaluate("""document.body.insertAdjacentHTML('beforeend', '<img src="/x" onerror="xss(9)">')""")
        page.wait_for_timeout(300)
        seen = findings(site, page)
        assert seen["ran"] == ["control"], "the payload's handler must have been blocked by the policy"
        assert any("script-src" in v for v in seen["csp_violations"]), seen
        assert any("onerror" in f for f in seen["dom"]), seen
    finally:
        page.close()


def test_chat_sent_live_is_shown_as_text(site):
    """Messages typed in the room travel over the WebSocket and are drawn by room.js."""
    page = open_page(site, *site[0]["room"])
    try:
        sent = PAYLOADS[:6]
        for text in sent:
            page.locator("#chat-text").fill(text)
            page.locator("#chat-form button[type=submit]").click()
        page.wait_for_function(
            "n => document.querySelectorAll('#chat-log li:not(.pending)').length >= n",
            arg=len(PAYLOADS) + len(sent),
            timeout=15_000,
        )
        page.locator("#passage").fill(PAYLOADS[2])
        page.locator("#raise-hand").click()
        page.locator("#queue li", has_text="xss(3)").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)
        assert findings(site, page) == CLEAN
        assert page.locator("#chat-log li", has_text="<script>xss(1)</script>").count() >= 1
    finally:
        page.close()


def test_contributions_arriving_live_are_sanitised(site):
    """thread.js fetches a new contribution's HTML and inserts it: the one place our script writes HTML."""
    _role, url = site[0]["live thread"]
    reader = open_page(site, "participant", url)
    writer = open_page(site, "facilitator", url)
    try:
        writer.locator("#reply-body").fill("\n\n".join(PAYLOADS))
        writer.locator("form:has(#reply-body) button[type=submit]").click()
        writer.wait_for_load_state()
        reader.locator("#posts li.is-new").first.wait_for(timeout=15_000)
        reader.wait_for_timeout(300)
        assert findings(site, reader) == CLEAN
        assert "xss(2)" in reader.locator("#posts li.is-new").first.inner_text()
    finally:
        reader.close()
        writer.close()
