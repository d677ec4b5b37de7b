"""Templates keep the layers of docs/architecture.md too (import-linter checks the Python).

An app's template may load the template tags of its own app or of an app below it, and include or
extend only templates of those apps (or the site's own templates/, which are wiring).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.backends.django import get_installed_libraries

LAYER = {
    "lms": 0,
    "courses": 1,
    "forums": 2,
    "live": 3,
    "groupwork": 4,
    "announcements": 4,
    "certificates": 4,
    "workspace": 5,
}
ROOT = Path(settings.BASE_DIR)
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
INCLUDE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([a-z_]+)/")
TEMPLATES = [(app, path) for app in LAYER for path in sorted((ROOT / app / "templates").rglob("*.html"))]


def _may_use(user_app: str, used_app: str) -> bool:
    return used_app == user_app or LAYER[used_app] < LAYER[user_app]


def _name(value) -> str:
    return str(value).rsplit("/templates/", 1)[-1]


def test_every_app_has_templates_to_check():
    assert {app for app, _path in TEMPLATES} == set(LAYER) - {"lms"}


@pytest.mark.parametrize(("app", "path"), TEMPLATES, ids=_name)
def test_a_template_loads_only_tags_of_its_app_or_below(app, path):
    owners = {name: module.split(".")[0] for name, module in get_installed_libraries().items()}
    loaded = {lib for group in LOAD.findall(path.read_text()) for lib in group.split()}
    ours = {lib: owners[lib] for lib in loaded if owners.get(lib) in LAYER}
    assert sorted(lib for lib, owner in ours.items() if not _may_use(app, owner)) == []


@pytest.mark.parametrize(("app", "path"), TEMPLATES, ids=_name)
def test_a_template_includes_only_templates_of_its_app_or_below(app, path):
    used = set(INCLUDE.findall(path.read_text())) & set(LAYER)
    assert sorted(other for other in used if not _may_use(app, other)) == []
