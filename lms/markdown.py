"""Markdown → safe HTML for posts, and @mention parsing.

Markdown is rendered by markdown-it-py (CommonMark, raw HTML off) and the result is cleaned by nh3
with a small allow-list: links keep only http, https and mailto targets and get ``rel="nofollow ugc"``.
Mentions are found outside code and turned into ``<span class="mention">`` by the renderer, never by
string replacement on HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

MENTION_RE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_][A-Za-z0-9_.+-]{0,149})")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_CLASSES = {"span": {"mention"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _strip_trailing_punctuation(name: str) -> str:
    return name.rstrip(".+-")


def find_mentions(text: str) -> list[str]:
    """Usernames mentioned as ``@username`` in Markdown text, outside code, in order, once each."""
    seen: dict[str, None] = {}
    for token in _md.parse(text or ""):
        for child in token.children or []:
            if child.type == "text":
                for match in MENTION_RE.finditer(child.content):
                    seen.setdefault(_strip_trailing_punctuation(match.group(1)), None)
    return [name for name in seen if name]


def _mention_rule(state) -> None:
    """Core rule: split text tokens around @mentions of known people into mention spans."""
    known: set[str] = state.env.get("mentions") or set()
    if not known:
        return
    lowered = {name.lower() for name in known}
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or "@" not in child.content:
                children.append(child)
                continue
            position = 0
            for match in MENTION_RE.finditer(child.content):
                name = _strip_trailing_punctuation(match.group(1))
                if name.lower() not in lowered:
                    continue
                start, end = match.start(), match.start() + 1 + len(name)
                if start > position:
                    children.append(_text(child.content[position:start]))
                opening = Token("mention_open", "span", 1)
                opening.attrSet("class", "mention")
                children.extend([opening, _text("@" + name), Token("mention_close", "span", -1)])
                position = end
            if position < len(child.content):
                children.append(_text(child.content[position:]))
        block.children = children


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _build() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.disable("image")  # no remote images: slow networks, tracking pixels
    md.core.ruler.push("mentions", _mention_rule)
    return md


_md = _build()


def render_markdown(text: str, *, mentions: Iterable[str] = ()) -> str:
    """Markdown to sanitised HTML; ``mentions`` are the usernames to highlight."""
    html = _md.render(text or "", {"mentions": set(mentions)})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )
