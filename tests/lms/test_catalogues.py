"""The translation catalogues: Spanish complete, compiled files current, placeholders intact."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["es", "en"]

# printf-style placeholders as Python's % operator reads them: %(name)s, %s, %d, %5.2f…
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]")
# str.format() fields used by a few messages (DRF style): {pk_value}
BRACE_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")


def _po(language: str) -> polib.POFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run makemessages"
    return polib.pofile(str(path))


def _mo(language: str) -> polib.MOFile:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert path.exists(), f"{path} is missing: run compilemessages"
    return polib.mofile(str(path))


def _entries(catalogue: polib._BaseFile) -> list[polib._BaseEntry]:
    return [e for e in catalogue if e.msgid and not getattr(e, "obsolete", False)]


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text.replace("%%", ""))) + Counter(BRACE_FIELD.findall(text))


def _compiled_view(catalogue: polib._BaseFile, *, from_po: bool) -> dict:
    """msgid → msgstr as msgfmt writes them: fuzzy and untranslated entries are left out of a .mo."""
    view = {}
    for entry in _entries(catalogue):
        if from_po and ("fuzzy" in entry.flags or not entry.translated()):
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        view[key] = value
    return view


@pytest.mark.parametrize("language", LANGUAGES)
def test_header(language):
    po = _po(language)
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not po.metadata_is_fuzzy


def test_spanish_catalogue_is_complete_and_not_fuzzy():
    po = _po("es")
    entries = _entries(po)
    assert entries, "the Spanish catalogue has no messages"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries to check: {fuzzy}"
    empty = []
    for entry in entries:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(2)]
            if not all(form.strip() for form in forms):
                empty.append(entry.msgid)
        elif not entry.msgstr.strip():
            empty.append(entry.msgid)
    assert not empty, f"untranslated Spanish messages: {empty}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    po_view = _compiled_view(_po(language), from_po=True)
    mo_view = _compiled_view(_mo(language), from_po=False)
    only_in_one = [key[1] for key in po_view.keys() ^ mo_view.keys()]
    different = [key[1] for key in po_view.keys() & mo_view.keys() if po_view[key] != mo_view[key]]
    stale = sorted(only_in_one + different)
    assert not stale, f"{language}: django.mo is out of date with django.po (run compilemessages): {stale}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_kept(language):
    wrong = []
    for entry in _entries(_po(language)):
        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and _placeholders(source) != _placeholders(text):
                wrong.append((source, text))
    assert not wrong, f"{language}: placeholders differ between msgid and msgstr: {wrong}"


def test_spanish_is_served_at_runtime():
    with translation.override("es"):
        assert translation.gettext("My learning") == "Mi aprendizaje"
        assert translation.ngettext("%(n)s participant", "%(n)s participants", 2) % {"n": 2} == (
            "2 participantes"
        )
    with translation.override("en"):
        assert translation.gettext("My learning") == "My learning"
