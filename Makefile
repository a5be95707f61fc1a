# newsdrift: `make run` serves the dashboard on SQLite with the seeds loaded (and runs a
# background-job worker beside it);
# `make test` runs lint, the migrations check and every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; a real deployment sets its own (docs/DEPLOY.md).
export DJANGO_DEBUG ?= 1

.PHONY: run test setup lint browser serve bench clean bench-import bench-long bench-web bench-export bench-archive

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_seeds
	$(PY) manage.py ensure_editor
	@echo "newsdrift is at http://$(HOST):$(PORT)/ (Ctrl-C stops it), with a background-job worker beside it"
	@$(PY) manage.py jobs_worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium for the browser tests (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

clean:
	rm -rf $(VENV) var staticfiles test-output .pytest_cache .ruff_cache

# The production configuration, locally: the settings come from the environment and,
# when it exists, from $(ENV_FILE) (shell syntax, KEY=value lines; docs/DEPLOY.md).
# Refuses to start without SECRET_KEY and ALLOWED_HOSTS.
ENV_FILE ?= .env

serve: $(STAMP)
	@set -e; \
	if [ -n "$(ENV_FILE)" ] && [ -f "$(ENV_FILE)" ]; then \
	  echo "make serve: reading the settings in $(ENV_FILE)"; \
	  case "$(ENV_FILE)" in */*) env_file="$(ENV_FILE)" ;; *) env_file="./$(ENV_FILE)" ;; esac; \
	  set -a; . "$$env_file"; set +a; \
	fi; \
	if [ -z "$${SECRET_KEY:-}" ]; then \
	  echo "make serve: SECRET_KEY is not set. Put SECRET_KEY=... (and ALLOWED_HOSTS=...) in $(ENV_FILE) or the environment; docs/DEPLOY.md says how." >&2; \
	  exit 2; \
	fi; \
	if [ -z "$${ALLOWED_HOSTS:-}" ]; then \
	  echo "make serve: ALLOWED_HOSTS is not set: every request would be refused. Set it in $(ENV_FILE) or the environment (e.g. ALLOWED_HOSTS=127.0.0.1,localhost)." >&2; \
	  exit 2; \
	fi; \
	export DJANGO_DEBUG=0; \
	$(PY) manage.py check --deploy --fail-level ERROR; \
	$(PY) manage.py collectstatic --no-input --verbosity 0; \
	$(PY) manage.py migrate --no-input; \
	echo "make serve: gunicorn on $${GUNICORN_BIND:-127.0.0.1:8000} (Ctrl-C stops it)"; \
	exec $(BIN)/gunicorn --config newsdrift/gunicorn.conf.py newsdrift.wsgi

# Benchmarks (docs/PERFORMANCE.md): each runs on SQLite and on PostgreSQL
# (127.0.0.1:5432, databases nd_bench_*); BENCH_DB=sqlite or BENCH_DB=postgres for one.
BENCH_DB ?= both
BENCH_VENV := var/bench-venv
BENCH_STAMP := $(BENCH_VENV)/.requirements-installed

$(BENCH_STAMP): bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: bench-import bench-long bench-web bench-export

bench-import: $(STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_import.py --db $(BENCH_DB)

bench-long: $(STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_long.py --db $(BENCH_DB)

bench-web: $(STAMP) $(BENCH_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_web.py --db $(BENCH_DB) --locust $(BENCH_VENV)/bin/locust

bench-export: $(STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_export.py --db $(BENCH_DB)

# The archive scale (docs/PERFORMANCE.md): 100,000 comparisons built once and kept
# (bench/archive.py, database $(BENCH_PREFIX)_archive), 20 editors against it, the
# search plans, then background jobs: import throughput with 1 and 2 workers and
# through Redis (BENCH_REDIS_URL, default database 15), a 10,000-comparison export.
BENCH_PREFIX ?= nd_bench
BENCH_KINDS := $(if $(filter both,$(BENCH_DB)),sqlite postgres,$(BENCH_DB))

bench-archive: $(STAMP) $(BENCH_STAMP)
	@for db in $(BENCH_KINDS); do \
	  BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/archive.py --db $$db || exit 1; \
	done
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_web.py --db $(BENCH_DB) --dataset archive --label archive --locust $(BENCH_VENV)/bin/locust
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/explain_views.py --db $(BENCH_DB) --dataset archive
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_jobs.py --db $(BENCH_DB)
