# The index of everything you can run. `make demo` and `make test` are the two README commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js
PORT ?= 8000

.PHONY: demo test lint format check clean lock messages prodlike validate-deploy bench bench-review bench-verdict bench-similar bench-cross-language bench-claims bench-revisions bench-detection bench-import bench-load bench-fault train-claim-model

# The venv installs exactly the hashed lock (runtime + dev, and setuptools to build the
# project), then the project itself without resolving anything again.
$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12+ is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## lock: rewrite requirements.lock (runtime: the Docker image), requirements-dev.lock (+ dev:
## make test, CI) and requirements-bench.lock (+ bench) from pyproject.toml, hashed, for
## Python 3.12 on Linux x86_64; versions already locked are kept unless pyproject.toml rules
## them out (UPGRADE=1 takes the newest allowed)
LOCK_FLAGS = --quiet --generate-hashes --python-version 3.12 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command 'make lock' \
	$(if $(UPGRADE),--upgrade)
PYPROJECT = $(BIN)/python -c "import functools, sys, tomllib; t = tomllib.load(open('pyproject.toml', 'rb')); print(*functools.reduce(dict.get, sys.argv[1:], t), sep='\n')"
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $$($(PYPROJECT) project optional-dependencies lock)
	$(PYPROJECT) build-system requires | $(BIN)/uv pip compile pyproject.toml - \
		$(LOCK_FLAGS) -o requirements.lock
	$(PYPROJECT) build-system requires | $(BIN)/uv pip compile pyproject.toml - --extra dev \
		-c requirements.lock $(LOCK_FLAGS) -o requirements-dev.lock
	$(PYPROJECT) build-system requires | $(BIN)/uv pip compile pyproject.toml - --extra dev \
		--extra bench -c requirements-dev.lock $(LOCK_FLAGS) -o requirements-bench.lock

# axe-core (accessibility checks in the browser tests) comes from npm; without npm those
# checks are skipped with the reason, the rest of the suite still runs.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: accessibility checks will be skipped"; fi

## demo: set up, load the demo data and run the app on SQLite at http://127.0.0.1:8000, with
## the task worker (URL imports, long pastes) in the background, stopped with the server
## (the staff second factor is off in the demo; `make demo STAFF_TWO_FACTOR=1` turns it on)
STAFF_TWO_FACTOR ?= 0
demo: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 STAFF_TWO_FACTOR=$(STAFF_TWO_FACTOR) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: set up and run lint, Django checks and the whole test suite (DATABASE_URL picks the database)
test: $(STAMP) $(AXE) lint check
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## messages: gather the interface's strings into locale/es/LC_MESSAGES/django.po and compile
## the .mo (needs gettext: apt-get install gettext); the compiled .mo is committed
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l es --ignore '.venv/*' --ignore 'node_modules/*' \
		--ignore 'bench/*' --ignore 'tests/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules staticfiles tests/artifacts .pytest_cache

## prodlike: the container's start command (scripts/start.sh: migrate + gunicorn) on two ports
## against the local PostgreSQL, then a smoke test through both (PRODLIKE_DATABASE_URL)
PRODLIKE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck_prod_like
prodlike: $(STAMP)
	PRODLIKE_DATABASE_URL=$(PRODLIKE_DATABASE_URL) $(BIN)/python -m scripts.prodlike

## validate-deploy: docker-compose.yml against the compose-spec schema, hadolint on the Dockerfile
validate-deploy: $(STAMP)
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(BIN)/hadolint Dockerfile

## bench: every benchmark below, results in bench/results/*.json (needs the local PostgreSQL)
BENCH_STAMP := $(VENV)/.bench-installed
CHECKWORTHINESS ?= ../shared/data/checkworthiness
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-bench.lock
	touch $(BENCH_STAMP)

bench: bench-review bench-verdict bench-similar bench-cross-language bench-claims bench-revisions bench-detection bench-import bench-load bench-fault

## bench-review: the 300-claim review page against the admin's, then a 2,000,000-character
## article's page, in-process and then in headless Chromium (readable, keyboard answers)
bench-review: $(BENCH_STAMP)
	$(BIN)/python -m bench.review_page
	$(BIN)/python -m bench.big_article_page
	$(BIN)/python -m bench.big_article_browser

bench-verdict: $(BENCH_STAMP)
	$(BIN)/python -m bench.verdict_roundtrip

bench-similar: $(BENCH_STAMP)
	$(BIN)/python -m bench.similar_claims

## bench-cross-language: "checked before?" across languages: recall@5 on 300 NTREX-128
## Spanish/Russian/Ukrainian-to-English claim pairs, lookup time at 100,000 claims
bench-cross-language: $(BENCH_STAMP)
	$(BIN)/python -m bench.cross_language

## bench-claims: check-worthiness on CLEF CheckThat! 2024 dev.tsv vs two baselines, then
## proposals, furniture, repairs and speakers on the 18 labelled news pages of bench/corpus,
## then Spanish, Dutch and Arabic dev vs TF-IDF + LR and the Russian/Ukrainian sample
bench-claims: $(BENCH_STAMP)
	$(BIN)/python -m bench.claims_eval $(CHECKWORTHINESS)/dev.tsv
	$(BIN)/python -m bench.claims_pages
	$(BIN)/python -m bench.claims_multilingual --data $(CHECKWORTHINESS)-multilingual

## bench-revisions: claims re-anchored on 200+ synthetic edits of the seed and bench/corpus
## pages: per-category precision/recall, claims on wrong words (must be 0)
bench-revisions: $(BENCH_STAMP)
	$(BIN)/python -m bench.revisions

bench-detection: $(BENCH_STAMP)
	$(BIN)/python -m bench.detection_speed

## bench-import: paste-to-proposals time for a 10,000-word article, and its page's queries
bench-import: $(BENCH_STAMP)
	$(BIN)/python -m bench.import_speed

bench-load: $(BENCH_STAMP)
	$(BIN)/python -m bench.load

# Restarts the local PostgreSQL cluster for a moment: never run it on a shared server.
bench-fault: $(BENCH_STAMP)
	$(BIN)/python -m bench.fault

## train-claim-model: rebuild reviews/detection/claim_model.json from train.tsv, the
## Spanish, Dutch and Arabic models and the cues-only model for other languages
train-claim-model: $(BENCH_STAMP)
	$(BIN)/python -m scripts.train_claim_model
	for language in es nl ar; do $(BIN)/python -m scripts.train_claim_model --language $$language; done
	$(BIN)/python -m scripts.train_claim_model --cues-only
