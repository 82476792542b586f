# Hiring Advisor. `make run` serves the app; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev test admin install chromium pdflibs messages static db lint format clean audit checkers load bench css faults scale

LOAD_ARGS ?= --db sqlite --founders 50 --duration 20
FAULTS_ARGS ?=
SCALE_ARGS ?= --db sqlite --results 10000

$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(BIN)/.installed

db: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed

static: install messages
	$(BIN)/python manage.py collectstatic --noinput -v0

# The Spanish and German translations compiled (.mo), with GNU gettext (apt-get install).
messages: install
	@command -v msgfmt >/dev/null || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] || { echo "Install gettext (apt-get install gettext)"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	$(BIN)/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

# gunicorn, and beside it the worker that runs queued jobs; stopping one stops both.
run: db static pdflibs
	@echo "Serving Hiring Advisor on http://127.0.0.1:$(PORT)/ (and its job worker)"
	DEBUG=0 $(BIN)/python manage.py run_jobs & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=0 $(BIN)/gunicorn advisor.wsgi -c deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers $(WORKERS)

dev: db messages
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

admin: db
	$(BIN)/python manage.py createsuperuser

# The libraries WeasyPrint renders result PDFs with (Pango, HarfBuzz) and a font.
PDF_DEBS = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdflibs:
	@dpkg -s $(PDF_DEBS) >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] || { echo "Install $(PDF_DEBS) (apt-get install)"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; }

# Debian's Chromium for the browser tests; nothing downloads a browser.
chromium:
	@command -v $${CHROMIUM_PATH:-/usr/bin/chromium} >/dev/null || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] || { echo "Install Chromium (apt-get install chromium) or set CHROMIUM_PATH"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Quality checkers from npm (the Nu HTML checker, Lighthouse); the app needs no npm.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

checkers: node_modules/.installed

test: install chromium pdflibs static checkers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Lighthouse on the landing page, a wizard step and a result; reports in reports/lighthouse/.
audit: db static chromium checkers
	$(BIN)/python -m scripts.audit

# ruff, then pip-audit over the locked dependencies (constraints.txt): fails naming each
# known-vulnerable package, or saying the vulnerability service could not be asked
# (DEPS_AUDIT=warn makes that a warning; DEPS_AUDIT_SERVICE=osv asks OSV instead of PyPI).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m scripts.vulns

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Many founders at once against gunicorn on a throw-away database, then a check that
# nothing was lost, e.g. LOAD_ARGS="--db postgres --founders 200 --servers 2".
load: install static
	$(BIN)/python -m scripts.load $(LOAD_ARGS)

# Requests/s and latency of the hot pages against a plain-text Django view, with wrk;
# exits 1 on a missed budget or any unexpected status or error in a run, e.g.
# BENCH_ARGS="--duration 5 --json reports/bench.json".
bench: static
	@command -v wrk >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m scripts.bench $(BENCH_ARGS)
	$(BIN)/python -m scripts.bench_scoring

# What production brings, against Debian's nginx (deploy/nginx.conf) in front of gunicorn
# on PostgreSQL or SQLite, with load founders: a database restart, a killed worker, a full
# disk, a read-only database, slow clients, one of two app servers killed. Exits 1 on a missed target. Needs root; installs
# nginx and PostgreSQL when missing. CI runs FAULTS_ARGS="--short --json reports/faults.json".
faults: install static
	@{ command -v nginx >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || { \
	  command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] || { echo "Install nginx and postgresql (apt-get install nginx postgresql)"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx postgresql >/dev/null; }
	$(BIN)/python -m scripts.faults $(FAULTS_ARGS)

# Only the Bootstrap CSS the pages use, into static/vendor/ (committed: running the app
# needs no npm). Run it after using a Bootstrap class no template used before.
css: checkers install
	node_modules/.bin/purgecss --css node_modules/bootstrap/dist/css/bootstrap.min.css \
	  --content 'templates/**/*.html' 'advisor/**/*.py' 'static/advisor/*.js' \
	  "$$(ls -d $(VENV)/lib/python3*/site-packages/crispy_bootstrap5)/templates/**/*.html" \
	  --output static/vendor/
	sed -i 's#/\*\# sourceMappingURL=bootstrap.min.css.map \*/##' static/vendor/bootstrap.min.css

clean:
	rm -rf $(VENV) staticfiles .pytest_cache node_modules reports

# The admin at scale: N results on a throw-away database, then each admin action and a
# founder's step and result timed through gunicorn; exits 1 on a missed budget, e.g.
# SCALE_ARGS="--db postgres --results 1000000 --json reports/scale.json".
scale: install static
	$(BIN)/python -m scripts.scale $(SCALE_ARGS)
