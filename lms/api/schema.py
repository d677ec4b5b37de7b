"""OpenAPI schema hooks: describe /api/v1/ only, each operation once."""

from __future__ import annotations

PREFIX = "/api/v1/"


def only_api_v1(endpoints):
    """Keep the public API's endpoints (not Wagtail's admin API); live/urls.py repeats two of them."""
    seen, kept = set(), []
    for path, path_regex, method, callback in endpoints:
        if not path.startswith(PREFIX) or (path, method) in seen:
            continue
        seen.add((path, method))
        kept.append((path, path_regex, method, callback))
    return kept
