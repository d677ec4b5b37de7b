# Tertulia — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test`: one per core (`make test WORKERS=0` runs in this process alone).
WORKERS ?= auto
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

# Every package, at its exact version and with its hashes, for every platform: generated from
# pyproject.toml by `make lock` (uv pip compile), installed as is by `make install` (uv pip sync).
LOCK := requirements.lock
UV := $(BIN)/uv
UV_ENV := UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1
LOCK_ARGS ?=

.PHONY: run test test-browser browser-deps lint typecheck format install lock migrate seed messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# uv, the installer, at the version (and hashes) the lock names; pip only fetches it, once.
$(UV): | $(BIN)/python
	awk '/^uv==/ {p = 1} p {print} p && !/\\$$/ {exit}' $(LOCK) > $(VENV)/uv-requirement.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
	  -r $(VENV)/uv-requirement.txt

# Exactly the lock (nothing resolved at install time; what is not in it is removed), compiled to
# bytecode once here rather than in every process, then the project itself, editable, built by the
# locked setuptools.
$(VENV)/.installed: pyproject.toml $(LOCK) | $(UV)
	$(UV_ENV) $(UV) pip sync --quiet --python $(BIN)/python --require-hashes --strict --compile-bytecode $(LOCK)
	$(UV_ENV) $(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation --editable .
	touch $@

install: $(VENV)/.installed

# Update the lock after changing the dependencies in pyproject.toml: versions already locked are kept
# when they still fit. `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed versions,
# `LOCK_ARGS="--upgrade-package wagtail"` only one. One version of each package for every Python 3.11+
# (--fork-strategy fewest), so every machine runs the same code.
lock: | $(UV)
	$(UV_ENV) $(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --fork-strategy fewest --generate-hashes --custom-compile-command "make lock" --quiet \
	  --output-file $(LOCK) $(LOCK_ARGS)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# ensure_lesson_threads opens the conversations of modules that opened by date since the last run
# (pages only read); a scheduler runs it every few minutes in production (docs/deployment.md).
seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py ensure_lesson_threads

run: seed
	@echo "Tertulia is at http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	$(BIN)/python -m lms.server -b $(HOST) -p $(PORT) lms.asgi:application

# axe-core for the accessibility tests, from the npm registry (pinned in tests/browser/package-lock.json).
# Without npm the accessibility tests skip outside CI; .ci/run installs it and fails if it cannot.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error || echo "npm ci failed: the accessibility tests will skip"; \
	else echo "npm not found: the accessibility tests will skip (install Node.js and npm to run them)"; fi

browser-deps: $(AXE)

# On every core: each pytest-xdist worker has its own test database, servers, ports and Redis keys; a
# file's tests stay on one worker, in pytest-django's order (tests/conftest.py, docs/testing.md).
PYTEST_XDIST = -n $(WORKERS) --dist loadfile

test: install browser-deps
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# Only the browser journeys, budgets, no-JS, accessibility and screenshot tests (docs/testing.md).
test-browser: install browser-deps
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python -m pytest $(PYTEST_XDIST) tests/browser $(PYTEST_ARGS)

# ruff (PLC0415 keeps imports at the top), the layers of docs/architecture.md (import-linter), mypy.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@$(MAKE) --no-print-directory typecheck

# mypy with django-stubs and djangorestframework-stubs ([tool.mypy] in pyproject.toml; docs/architecture.md).
typecheck: install
	@test -x $(BIN)/mypy || { echo "mypy is not installed: pip install -e '.[dev]' (mypy, django-stubs, djangorestframework-stubs)"; exit 1; }
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the translation catalogues (needs GNU gettext); the compiled .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l es -l en --ignore=.venv --ignore=bench --ignore=tests
	$(BIN)/python manage.py makemessages -d djangojs -l es -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

check-deploy: install
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  ALLOWED_HOSTS=tertulia.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache tests/browser/node_modules
