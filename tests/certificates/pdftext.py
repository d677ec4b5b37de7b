"""Read the text back out of the PDFs ReportLab writes (no PDF library needed in the test suite).

ReportLab draws TrueType text as one-byte codes per font subset and embeds a ToUnicode CMap for each
subset; this follows the fonts of the page, decodes the content stream's `Tj` strings through those
maps and returns the lines as a reader's PDF viewer would copy them.
"""

from __future__ import annotations

import base64
import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n", re.S)
_TEXT = re.compile(rb"/(\S+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number → (dictionary text, decoded stream or None)."""
    objects = {}
    for match in _OBJECT.finditer(data):
        body = match.group(2)
        stream = _STREAM.search(body)
        if stream is None:
            objects[int(match.group(1))] = (body, None)
            continue
        head = stream.group(1)
        length = int(re.search(rb"/Length (\d+)", head).group(1))
        raw = body[stream.end() : stream.end() + length]
        if b"ASCII85Decode" in head:
            raw = base64.a85decode(raw.strip().removesuffix(b"~>"))
        if b"FlateDecode" in head:
            raw = zlib.decompress(raw)
        objects[int(match.group(1))] = (head, raw)
    return objects


def _unescape(literal: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(literal):
        char = literal[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def _cmap(text: bytes) -> dict[int, str]:
    mapping = {}
    for code, unicode in re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", text):
        value = int(unicode, 16)
        if value:
            mapping[int(code, 16)] = chr(value)
    return mapping


def pdf_text(data: bytes) -> list[str]:
    """The text lines drawn on the PDF's pages, in drawing order."""
    objects = _objects(data)
    fonts: dict[bytes, dict[int, str]] = {}
    for head, _stream in objects.values():
        for name, number in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", head):
            font_head = objects.get(int(number), (b"", None))[0]
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font_head)
            if to_unicode:
                fonts[name] = _cmap(objects[int(to_unicode.group(1))][1] or b"")
            else:
                fonts.setdefault(name, {})
    lines = []
    for _head, stream in objects.values():
        if not stream or b" Tj" not in stream:
            continue
        mapping: dict[int, str] = {}
        for font, literal in _TEXT.findall(stream):
            if font:
                mapping = fonts.get(font, {})
                continue
            lines.append("".join(mapping.get(byte, chr(byte)) for byte in _unescape(literal)))
    return lines
