# newsdrift: `make run` serves the dashboard on SQLite with the seeds loaded (and runs a
# background-job worker beside it);
# `make test` runs lint, the migrations check and every test.

PYTHON ?= python3
# The oldest Python newsdrift runs on (pyproject.toml's requires-python, ruff's target).
MIN_PYTHON := 3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# requirements.txt is the runtime lock, requirements-dev.txt the runtime and the test
# tools; both are made by `make lock` from the .in files (docs/DEPENDENCIES.md).
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
PIP_INSTALL := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; a real deployment sets its own (docs/DEPLOY.md).
export DJANGO_DEBUG ?= 1

.PHONY: run test setup lint browser serve bench clean bench-import bench-long bench-web \
	bench-export bench-startup bench-archive bench-names bench-views bench-search \
	bench-word-diff python-version fuzz lock

# Stops at once, before anything is installed, on a Python older than MIN_PYTHON (and on
# a .venv made by one). The check runs on any Python, even 2.7.
CHECK_PYTHON := import sys; v = sys.version_info; \
	sys.stdout.write("%d.%d.%d" % tuple(v[:3])); sys.exit(0 if tuple(v[:2]) >= (3, 11) else 1)
python-version:
	@found=$$($(PYTHON) -c '$(CHECK_PYTHON)' 2>/dev/null) || { \
	  echo "newsdrift needs Python $(MIN_PYTHON) or later, and $(PYTHON) is $${found:-missing or not a Python}." >&2; \
	  echo "Install Python $(MIN_PYTHON)+ (Debian 12: apt-get install python3 python3-venv) and name it, e.g. make $(or $(MAKECMDGOALS),run) PYTHON=python3.11" >&2; \
	  exit 1; }
	@if [ -x $(PY) ]; then found=$$($(PY) -c '$(CHECK_PYTHON)' 2>/dev/null) || { \
	  echo "$(VENV) was made with Python $${found:-unknown}; newsdrift needs $(MIN_PYTHON) or later. Remove it (make clean) and run make again." >&2; \
	  exit 1; }; fi

$(PY): | python-version
	$(PYTHON) -m venv $(VENV)

# Runtime only: what `make run`, `make serve` and a deployment install.
$(RUNTIME_STAMP): requirements.txt | python-version $(PY)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# The runtime and the test tools (requirements-dev.txt holds both, at the same versions).
$(DEV_STAMP): requirements-dev.txt requirements.txt | python-version $(PY)
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

setup: $(DEV_STAMP)

# The port is checked before anything starts, and again after the set-up, which takes
# long enough for another program to have taken it, before the address is printed.
run: python-version $(RUNTIME_STAMP)
	@$(PY) -m newsdrift.port_check $(HOST) $(PORT)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_seeds
	$(PY) manage.py ensure_editor
	@$(PY) -m newsdrift.port_check $(HOST) $(PORT)
	@echo "newsdrift is at http://$(HOST):$(PORT)/ (Ctrl-C stops it; another port: make run PORT=8001), with a background-job worker beside it"
	@$(PY) manage.py jobs_worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: python-version $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium for the browser tests (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Property tests run derandomised here (the same examples every run: tests/properties.py).
test: python-version $(DEV_STAMP) browser lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# The same property tests, long and random: FUZZ_SCALE times the examples, a new seed
# each run, failures shrunk and kept in .hypothesis/ to be replayed first next time.
FUZZ_SCALE ?= 20
fuzz: python-version $(DEV_STAMP)
	NEWSDRIFT_PROPERTIES=fuzz NEWSDRIFT_FUZZ_SCALE=$(FUZZ_SCALE) $(PY) -m pytest -m property -p no:cacheprovider

# Regenerate the locks from requirements.in, requirements-dev.in and bench/requirements.in,
# keeping every pin that still fits; UPGRADE=1 takes the newest versions the .in files
# allow, UPGRADE=django takes the newest of one package (docs/DEPENDENCIES.md).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --universal \
	--python-version $(MIN_PYTHON) --custom-compile-command "make lock"
UPGRADE ?=
LOCK_UPGRADE := $(if $(filter 1,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE)))
lock: python-version $(DEV_STAMP)
	$(LOCK) $(LOCK_UPGRADE) requirements.in --output-file requirements.txt
	$(LOCK) $(LOCK_UPGRADE) requirements-dev.in --output-file requirements-dev.txt
	$(LOCK) $(LOCK_UPGRADE) bench/requirements.in --output-file bench/requirements.txt
	@echo "Locks written. Install them with make setup (or make run), run make test, and commit the .in and .txt files together."

clean:
	rm -rf $(VENV) var staticfiles test-output .pytest_cache .ruff_cache

# The production configuration, locally: the settings come from the environment and,
# when it exists, from $(ENV_FILE) (shell syntax, KEY=value lines; docs/DEPLOY.md).
# Refuses to start without SECRET_KEY and ALLOWED_HOSTS.
ENV_FILE ?= .env

serve: python-version $(RUNTIME_STAMP)
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

$(BENCH_STAMP): bench/requirements.txt | python-version
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: bench-import bench-long bench-web bench-views bench-search bench-word-diff bench-export \
	bench-startup

bench-import: python-version $(RUNTIME_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_import.py --db $(BENCH_DB)

bench-long: python-version $(RUNTIME_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_long.py --db $(BENCH_DB)

# BENCH_WEB_SECONDS: the load's length. Accept and dismiss are rare in the editors' mix,
# so their ratio to the sign-in page needs a longer run (360) to be read to ±5 %.
BENCH_WEB_SECONDS ?= 90
bench-web: python-version $(RUNTIME_STAMP) $(BENCH_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_web.py --db $(BENCH_DB) --locust $(BENCH_VENV)/bin/locust \
		--seconds $(BENCH_WEB_SECONDS)

# What one request of each view costs in CPU, queries and function calls (issue 18);
# on SQLite unless BENCH_DB=postgres.
bench-views: python-version $(RUNTIME_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/profile_views.py --db $(if $(filter postgres,$(BENCH_DB)),postgres,sqlite)

# The dashboard's search statements alone, for five searches (docs/PERFORMANCE.md); on
# SQLite, each of its two ways beside the one chosen.
bench-search: python-version $(RUNTIME_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_search.py --db $(BENCH_DB)
	$(if $(filter postgres,$(BENCH_DB)),,DJANGO_DEBUG=0 $(PY) bench/bench_search.py --db sqlite --ways)

# The word diff a step view draws, a unit at a time (no database).
bench-word-diff: python-version $(RUNTIME_STAMP)
	$(PY) bench/bench_word_diff.py

bench-export: python-version $(RUNTIME_STAMP)
	DJANGO_DEBUG=0 $(PY) bench/bench_export.py --db $(BENCH_DB)

bench-startup: python-version $(RUNTIME_STAMP)
	$(PY) bench/bench_startup.py --db $(BENCH_DB)

# The archive scale (docs/PERFORMANCE.md): 100,000 comparisons built once and kept
# (bench/archive.py, database $(BENCH_PREFIX)_archive), 20 editors against it, the
# search plans, then background jobs: import throughput with 1 and 2 workers and
# through Redis (BENCH_REDIS_URL, default database 15), a 10,000-comparison export,
# and the analytics page.
BENCH_PREFIX ?= nd_bench
BENCH_KINDS := $(if $(filter both,$(BENCH_DB)),sqlite postgres,$(BENCH_DB))

bench-archive: python-version $(RUNTIME_STAMP) $(BENCH_STAMP)
	@for db in $(BENCH_KINDS); do \
	  BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/archive.py --db $$db || exit 1; \
	done
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_web.py --db $(BENCH_DB) --dataset archive --label archive --locust $(BENCH_VENV)/bin/locust
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/explain_views.py --db $(BENCH_DB) --dataset archive
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_search.py --db $(BENCH_DB) --dataset archive
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_jobs.py --db $(BENCH_DB)
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_analytics.py --db $(BENCH_DB)
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_names.py --db $(BENCH_DB)

# The names index on the archive alone (docs/PERFORMANCE.md, "The names index").
bench-names: python-version $(RUNTIME_STAMP)
	BENCH_PREFIX=$(BENCH_PREFIX) DJANGO_DEBUG=0 $(PY) bench/bench_names.py --db $(BENCH_DB)
