# Two commands set up everything on a fresh machine:
#   make run   install, migrate, load the demo, serve on http://127.0.0.1:8000
#   make test  install and run the whole suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: install run test lint format lock worker beat bench load clean

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	touch $@

install: $(VENV)/.installed

.env:
	cp .env.example .env

run: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin requirements.lock from the ranges in pyproject.toml.
lock:
	rm -rf .lockenv
	$(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --upgrade pip
	.lockenv/bin/python -m pip install --quiet ".[dev]"
	( echo "# Pinned from pyproject.toml by 'make lock'. Install with: pip install -r requirements.lock"; \
	  .lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^pcc-portal' ) > requirements.lock
	rm -rf .lockenv build *.egg-info

worker: install
	$(BIN)/celery -A pcc_portal worker --loglevel=info

beat: install
	$(BIN)/celery -A pcc_portal beat --loglevel=info

bench: install
	$(BIN)/python bench/run.py

# The load scenario (needs PostgreSQL in DATABASE_URL and Debian's wrk: apt-get install wrk).
load: install
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
