# BackCare: `make run` to use it, `make test` to check it. `make run` assumes Python 3.11 and make;
# `make test` also Chromium and GNU gettext (README, "Run it").
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
DEV_ENV := DEBUG=1

.PHONY: run test lint format migrations-check serve demo bench stress backup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(RUN_STAMP) $@

run: $(RUN_STAMP)
	$(BIN)/python manage.py compiletranslations
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# A demo user with 180 days of history, to look around: log in with the name and password it prints.
demo: $(RUN_STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py demo --username demo --password back-on-track --days 180 --replace

# A consistent copy of the SQLite database, safe while the app runs, into backups/.
backup: $(RUN_STAMP)
	$(BIN)/python manage.py backup

# What a person waits for, against /healthz: first loads after a write, the tick, a day in the life
# over 4 workers (scripts/bench.py --users N for a quicker run; not in make test).
bench: $(DEV_STAMP)
	$(BIN)/python scripts/bench.py

# Concurrent ticks and check-ins through 4 gunicorn workers, then the database is checked.
stress: $(DEV_STAMP)
	$(BIN)/python scripts/stress.py

# The tests in two passes: everything but the browser tests over one worker per core (pytest-xdist;
# each worker has its own test database and, with CACHE_URL, its own Redis database: tests/settings.py),
# then the browser tests in this one process (one Chromium, one live server). Workers are capped at
# 8 (tests/settings.py gives each a Redis database of its own); TEST_WORKERS=0 runs the pass in-process.
TEST_WORKERS ?= auto
PYTEST_PARALLEL = $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS) --maxprocesses 8
PYTEST_BROWSER = $(BIN)/pytest -m browser

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv
	$(PYTEST_PARALLEL)
	$(PYTEST_BROWSER)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(DEV_STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Production-like: static files collected and hashed, gunicorn. Needs SECRET_KEY and ALLOWED_HOSTS.
# The caches check says so when several workers would share no cache (CACHE_URL unset).
serve: $(RUN_STAMP)
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py check --deploy --tag caches
	$(BIN)/gunicorn backcare.wsgi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
