"""One cleaning rule for what people type (lms.text), used by reflections, forums and the room."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lms.text import CONTROL_CHARS, clean_text, normalise_text


def test_control_characters_are_removed():
    assert normalise_text("a\x00b\x07c\x1bd\x7fe") == "abcde"


def test_windows_line_endings_become_newlines():
    assert normalise_text("uno\r\ndos\rtres") == "uno\ndos\ntres"


def test_tabs_and_newlines_are_kept_in_multi_line_text():
    assert normalise_text("  uno\n\tdos  ") == "uno\n\tdos"


def test_single_line_text_folds_every_run_of_white_space():
    assert normalise_text(" Ana \n María\t Quispe ", single_line=True) == "Ana María Quispe"


@given(st.text())
def test_normalised_text_never_contains_a_control_character(value):
    assert not CONTROL_CHARS.search(normalise_text(value))


@given(st.text())
def test_single_line_text_has_no_line_break(value):
    assert "\n" not in normalise_text(value, single_line=True)


def test_empty_text_is_refused_with_its_code():
    with pytest.raises(ValidationError) as error:
        clean_text(" \x00 ", max_chars=10)
    assert error.value.code == "empty"


def test_too_long_text_is_refused_with_its_code():
    with pytest.raises(ValidationError) as error:
        clean_text("x" * 11, max_chars=10)
    assert error.value.code == "too_long"


def test_optional_text_may_be_empty():
    assert clean_text("", max_chars=10, required=False) == ""


def test_the_length_is_counted_after_cleaning():
    assert clean_text("\x00" * 5 + "hola", max_chars=4) == "hola"
