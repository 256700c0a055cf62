# Midad — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# One worker process per core, a few threads each: they share the cache (diskcache in var/cache,
# or Redis when REDIS_URL is set), so rate limits, view counts and cached pages agree.
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
THREADS ?= 4

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/runtime.stamp: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Test-only JavaScript (axe-core for the accessibility tests) comes from package-lock.json.
$(VENV)/dev.stamp: $(VENV)/runtime.stamp requirements-dev.txt package-lock.json
	$(PY) -m pip install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/runtime.stamp ## create .venv and install what the site needs

setup: install ## migrate, collect static files, seed demo content into an empty database, create the admin
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py ensure_admin

run: setup ## serve the site with gunicorn at http://127.0.0.1:8000, and the worker that runs imports
	@echo "Midad is at http://$(HOST):$(PORT)/ (admin at /admin/); Ctrl+C stops it."
	@# The tasks worker (imports started from the admin) runs beside gunicorn and stops with it.
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) --worker-class gthread --access-logfile -

test: $(VENV)/dev.stamp ## run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/dev.stamp ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/dev.stamp ## format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/dev.stamp ## update the ar and fr catalogues from the code (needs gettext), then compile them
	$(PY) manage.py makemessages --locale ar --locale fr --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(PY) manage.py makemessages --domain djangojs --locale ar --locale fr --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'node_modules/*'
	$(PY) locale/catalogues.py

bench: $(VENV)/dev.stamp ## run the benchmarks and print one table (JSON and an SVG chart in var/bench/); PostgreSQL too when DATABASE_URL is set
	$(PY) bench/report.py $(BENCH_ARGS)
	$(PY) bench/bench_page_weight.py
	$(PY) bench/bench_text_weight.py

bench-data: $(VENV)/dev.stamp ## build the 100,000-post blog that make bench measures (var/bench/; long), or migrate the one there
	$(PY) bench/report.py --build-big

backup: install ## back up the database and the media into var/backups/ (or OUTPUT=folder)
	$(PY) manage.py backup $(if $(OUTPUT),--output $(OUTPUT))

restore: install ## replace the database and the media with a backup: make restore BACKUP=folder
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/midad-…"; exit 2; }
	$(PY) manage.py restore $(BACKUP)

load: $(VENV)/dev.stamp ## load and fault proof through gunicorn on SQLite and PostgreSQL (about 5 minutes)
	$(PY) bench/load.py $(LOAD_ARGS)

clean: ## remove the virtualenv, node_modules, the database and uploaded media
	rm -rf $(VENV) node_modules var

.PHONY: help install setup run test lint format messages bench bench-data backup restore load clean
