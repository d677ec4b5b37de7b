# Tertulia — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test test-browser browser-deps lint typecheck format install migrate seed messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

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

test: install browser-deps
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

# Only the browser journeys, budgets, no-JS, accessibility and screenshot tests (docs/testing.md).
test-browser: install browser-deps
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
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
