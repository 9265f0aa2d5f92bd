# The README's two commands: `make run` and `make test`. Both install what they need first:
# `make run` the runtime lock only (requirements.lock), everything else the development lock
# (requirements-dev.lock: the runtime set plus test, lint and oracle packages).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv

.PHONY: install install-dev run run-prod test lint format lock bench soak accuracy clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# uv installs the pinned stack in seconds; pip only bootstraps uv itself (-qq: pip's warnings
# about configured index locations that do not exist are noise in the start-up log; errors
# still show). `uv pip sync` makes the environment exactly the lock (it removes what the lock
# does not list), and is a no-op when it already is, so switching between `make run` and
# `make test` costs a second.
$(UV): | $(PY)
	$(PY) -m pip install -qq --disable-pip-version-check --no-warn-script-location uv

install: | $(UV)
	$(UV) pip sync --quiet --python $(PY) requirements.lock

install-dev: | $(UV)
	$(UV) pip sync --quiet --python $(PY) requirements-dev.lock

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo --demo-user
	@echo "Skywatch: http://127.0.0.1:8000  (web + Celery worker + beat; Ctrl-C stops all)"
	$(PY) scripts/procfile.py Procfile

# The production topology locally (gunicorn, worker, beat, config.settings.production) against
# this machine's PostgreSQL and Redis; defaults and overrides in scripts/run_prod.sh.
run-prod: install
	bash scripts/run_prod.sh

test: install-dev
	bash scripts/browser.sh
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# ruff (lint with RUF100, and the formatter's check), mypy with the Django and DRF plugins, the
# cyclomatic-complexity ceiling of the geo core and the module-length ceiling of reports and geo.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(PY) scripts/complexity.py geo --max 15
	$(PY) scripts/complexity.py reports geo --max-lines 300

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Re-resolve both locks after editing pyproject.toml; existing pins are kept where they still fit.
lock: | $(UV)
	$(UV) pip compile --quiet pyproject.toml -o requirements.lock --python-version 3.11
	$(UV) pip compile --quiet pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11

bench: install-dev
	$(PY) bench/run_all.py

# Five minutes of steady filing through gunicorn: flat memory, no errors, all enriched.
soak: install-dev
	$(PY) bench/soak.py $(SOAK_ARGS)

accuracy: install-dev
	$(PY) bench/faa_accuracy.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
