"""What a rendered page must not contain: anything a browser would run, and (on participant pages) anything
a strict Content-Security-Policy would block. Parsed with the standard library's HTML parser, which
decodes entities in attributes the way browsers do before we look at them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping"}
# What browsers strip before reading a URL's scheme: ASCII whitespace and control characters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:application")
DANGEROUS_TAGS = {"object", "embed", "applet", "base", "frameset"}


def dangerous_url(value: str, *, image: bool = False) -> bool:
    """A URL that runs script when followed or loaded (an image's data: URL is only drawn)."""
    squashed = _IGNORED_IN_SCHEME.sub("", value).lower()
    if image:
        return squashed.startswith(("javascript:", "vbscript:"))
    return squashed.startswith(DANGEROUS_SCHEMES)


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.executable: list[str] = []  # would run script in any browser
        self.inline_styles: list[str] = []  # blocked by style-src 'self' (not a script risk by itself)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in values.items())}>"[:200]
        for name, value in values.items():
            if name.startswith("on"):
                self.executable.append(f"event handler {name}= in {where}")
            elif name in URL_ATTRIBUTES and dangerous_url(value, image=tag == "img" and name == "src"):
                self.executable.append(f"{name}={value!r} in {where}")
            elif name == "srcdoc":
                self.executable.append(f"iframe srcdoc in {where}")
            elif name == "style":
                self.inline_styles.append(where)
        if tag in DANGEROUS_TAGS:
            self.executable.append(f"<{tag}> element: {where}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.executable.append(f"meta refresh: {where}")
        if tag == "style":
            self.inline_styles.append("<style> element")
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            if kind not in DATA_SCRIPT_TYPES and "src" not in values:
                self.executable.append(f"inline script: {where}")


def inspect(html: str) -> tuple[list[str], list[str]]:
    """(what would run, inline styles) found in a page."""
    parser = _Inspector()
    parser.feed(html)
    parser.close()
    return parser.executable, parser.inline_styles


def executable_parts(html: str) -> list[str]:
    return inspect(html)[0]


def csp_violations(html: str) -> list[str]:
    """What the participant pages' strict policy (script-src/style-src 'self') would refuse."""
    executable, styles = inspect(html)
    return executable + [f"inline style: {s}" for s in styles]
