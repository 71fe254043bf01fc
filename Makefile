# Analyst: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in email, feeds and the printed admin login point where `make run` serves.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test test-postgres test-browser lint format check bench install clean

# The first Python 3.12+ found on the machine builds the virtualenv.
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3.14 python3 python; do \
	  if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    echo $$candidate; break; fi; done)

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Analyst needs Python 3.12 or newer, and none was found (tried python3.13, python3.12, python3). Install one, or run: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
	  exit 1; fi
	@[ -x $(PY) ] || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group dev
	@touch $@

install: $(VENV)/.installed

run: export SITE_URL := $(SITE_URL)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py local_admin
	@echo "Serving the site on http://$(HOST):$(PORT)/ with the newsletter worker (Ctrl-C stops both)"
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The browser tests' tools from npm (axe-core, the Nu validator), when npm is there; without
# them, or without /usr/bin/chromium, the browser tests skip and say what is missing.
NPM := $(shell command -v npm 2>/dev/null)
BROWSER_TOOLS := $(if $(NPM),node_modules/.package-lock.json)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

test: install $(BROWSER_TOOLS)
	$(PY) -m pytest $(PYTEST_ARGS)

# Only the tests that drive a real Chromium (home → issue → article, the counter, axe, vnu).
test-browser: install
	npm ci --no-audit --no-fund
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

# The suite on PostgreSQL: DATABASE_URL defaults to a local server with trust authentication.
test-postgres: install $(BROWSER_TOOLS)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/analyst} $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	bash bench/run.sh

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
