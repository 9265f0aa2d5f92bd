# The README's two commands: `make run` and `make test`. Both install what they need first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test test-postgres lint format bench accuracy browser clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# uv installs the pinned stack in seconds; pip only bootstraps uv itself.
$(STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo --demo-user
	@echo "Skywatch: http://127.0.0.1:8000  (web + Celery worker + beat; Ctrl-C stops all)"
	$(VENV)/bin/honcho start -f Procfile

test: install
	bash scripts/browser.sh
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) bench/run_all.py

accuracy: install
	$(PY) bench/faa_accuracy.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
