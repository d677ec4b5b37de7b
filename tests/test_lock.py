"""The lock (requirements.lock, `make lock`) is what pyproject.toml asks for, and what is installed.

`make install` installs the lock exactly (uv pip sync, nothing resolved at install time): a dependency
added to pyproject.toml without `make lock` would be missing on a fresh machine. These checks read only
files and the installed packages' metadata; they need no network.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked() -> list[tuple[str, Version, Marker | None]]:
    pins = []
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins.append((canonicalize_name(name), Version(version), Marker(marker) if marker else None))
    return pins


def applies(marker: Marker | None, extra: str = "") -> bool:
    return marker is None or marker.evaluate({"extra": extra})


def test_every_requirement_of_pyproject_is_locked_at_a_version_it_allows():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    requirements += [Requirement(r) for r in project["optional-dependencies"]["dev"]]
    pins: dict[str, list[Version]] = {}
    for name, version, marker in locked():
        if applies(marker):
            pins.setdefault(name, []).append(version)
    problems = []
    for requirement in requirements:
        if not applies(requirement.marker, "dev"):
            continue
        versions = pins.get(canonicalize_name(requirement.name), [])
        if not any(requirement.specifier.contains(v, prereleases=True) for v in versions):
            problems.append(f"{requirement} (locked: {', '.join(map(str, versions)) or 'nothing'})")
    assert not problems, "pyproject.toml changed without `make lock`: " + "; ".join(problems)


def test_the_environment_is_the_lock():
    problems = []
    for name, version, marker in locked():
        if not applies(marker):
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            problems.append(f"{name} {version} is not installed")
            continue
        if installed != version:
            problems.append(f"{name} is {installed}, the lock says {version}")
    assert not problems, "run `make install` (it installs the lock exactly): " + "; ".join(problems)
