"""An XSS corpus in the spirit of OWASP's filter-evasion cheat sheet, for every field a participant writes.

Each payload that could run calls ``xss(N)`` with its own number, so a browser test that defines
``window.xss`` sees which one ran (and ``alert`` is caught as a dialog). Kept short enough for the
shortest field they go through (a name: 150 characters) when ``SHORT`` is used.
"""

from __future__ import annotations

MARK = "xss"

PAYLOADS: list[str] = [
    # plain tags and handlers
    "<script>xss(1)</script>",
    "<img src=x onerror=xss(2)>",
    "<svg onload=xss(3)>",
    "<svg><script>xss(4)</script></svg>",
    '"><script>xss(5)</script>',
    "'><img src=x onerror=xss(6)>",
    "<body onload=xss(7)>",
    "<input autofocus onfocus=xss(8)>",
    "<details open ontoggle=xss(9)>",
    '<a href="#" onclick="xss(10)">clic</a>',
    # URLs that run script, in HTML and in Markdown
    '<a href="javascript:xss(11)">clic</a>',
    "[clic](javascript:xss(12))",
    "[clic](JaVaScRiPt:xss(13))",
    "[clic](&#106;avascript:xss(14))",
    "[clic](<javascript:xss(15)>)",
    "![imagen](javascript:xss(16))",
    "[clic](data:text/html;base64,PHNjcmlwdD54c3MoMTcpPC9zY3JpcHQ+)",
    '<a href=" &#14;javascript:xss(18)">clic</a>',
    '<iframe src="javascript:xss(19)"></iframe>',
    '<iframe srcdoc="<script>parent.xss(20)</script>"></iframe>',
    '<object data="javascript:xss(21)"></object>',
    '<embed src="data:text/html,<script>xss(22)</script>">',
    '<form action="javascript:xss(23)"><button>enviar</button></form>',
    '<svg><a xlink:href="javascript:xss(24)"><text y="20">clic</text></a></svg>',
    '<meta http-equiv="refresh" content="0;url=javascript:xss(25)">',
    # malformed Markdown and HTML, mutation tricks
    '[x](https://example.org/" onmouseover="xss(26))',
    '<https://example.org/" onmouseover="xss(27)>',
    "```\n</code><script>xss(28)</script>\n```",
    "`<img src=x onerror=xss(29)>` y <img src=x onerror=xss(29)>",
    "<scr<script>ipt>xss(30)</scr</script>ipt>",
    '<!--<img src="--><img src=x onerror=xss(31)//">',
    "<math><mtext><table><mglyph><style><img src=x onerror=xss(32)>",
    '<noscript><p title="</noscript><img src=x onerror=xss(33)>">',
    "**negrita <b onmouseover=xss(34)>x</b>** _y_ [z]",
    # breaking out of where the text lands
    "</textarea><script>xss(35)</script>",
    "</title><script>xss(36)</script>",
    "</script><script>xss(37)</script>",
    '<style>*{background:url("javascript:xss(38)")}</style><div style="background:url(javascript:xss(38))">',
    '<base href="https://evil.example/">',
    # template and encoding tricks
    "{{7*7}} {% debug %} ${xss(40)} #{xss(40)}",
    "%3Cscript%3Exss(41)%3C/script%3E",
    "＜script＞xss(42)＜/script＞ \u202e<script>xss(42)</script>",
    "\\u003cscript\\u003exss(43)\\u003c/script\\u003e",
]

NAME_MAX = 150


def short(payload: str, limit: int = NAME_MAX) -> str:
    return payload[:limit]


def marker(n: int) -> str:
    return f"{MARK}({n})"
