# The two commands the README promises: `make site` and `make test`.
# Each creates the virtual environment on first use, so a fresh machine
# needs nothing but Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Browser tests drive Debian's Chromium (Playwright's own browser download
# cannot work here); installed on first use, with sudo when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test clean chromium checkers mutation lock

# Installs reproduce: every package at the version and hash the lock file
# names (pip-compile --generate-hashes, from pyproject.toml's ranges), one
# lock per Python the project is tested on. `make lock` updates them.
LOCK ?= $(shell $(PYTHON) -c 'import sys; print("requirements-py313.txt" if sys.version_info[:2] == (3, 13) else "requirements.txt")')

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Update the lock files to the newest versions pyproject.toml allows (Python 3.11 and 3.13).
lock:
	for py in python3.11 python3.13; do \
	  out=$$( [ $$py = python3.13 ] && echo requirements-py313.txt || echo requirements.txt ); \
	  rm -rf .venv-lock && $$py -m venv .venv-lock && .venv-lock/bin/pip install --quiet "pip-tools>=7.4,<8" && \
	  .venv-lock/bin/pip-compile --quiet --upgrade --extra test --generate-hashes --strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links --output-file $$out pyproject.toml || exit 1; \
	done; rm -rf .venv-lock

## Build the bilingual site from the data in this repository into site/ (the main job).
site: $(STAMP)
	$(BIN)/wil build

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The Nu HTML checker the tests run on the built site: vnu-jar at the version
# tests/tools/package-lock.json pins (its install script, which downloads a
# Java runtime, is not run) and Debian's Java to run it.
CHECKERS := tests/tools/node_modules/.package-lock.json

checkers: $(CHECKERS)
	@command -v java >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

$(CHECKERS): tests/tools/package-lock.json
	npm ci --prefix tests/tools --ignore-scripts --no-audit --no-fund --silent
	touch $(CHECKERS)

## Run the whole test suite: lint, workflow and schema checks, every test (browser ones included).
test: $(STAMP) chromium checkers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline .github
	$(BIN)/check-jsonschema --check-metaschema schema/*.schema.json generator/resources/schema/*.schema.json
	$(BIN)/check-jsonschema --schemafile schema/opportunity.schema.json opportunities/*/*.yaml
	$(BIN)/check-jsonschema --schemafile schema/institution.schema.json institutions/*.yaml
	$(BIN)/check-jsonschema --schemafile schema/region.schema.json region.yaml
	$(BIN)/check-jsonschema --schemafile schema/proposal.schema.json proposals/*.yaml
	$(BIN)/wil schema --check
	$(BIN)/wil codeowners --check
	$(BIN)/wil issue-form --check
	$(BIN)/pytest

## Mutation testing of the modules pyproject.toml names ([tool.mutmut]), on the fast tests: per-module scores.
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python -m benchmarks.mutation_scores

clean:
	rm -rf $(VENV) site .site.versions build screenshots .pytest_cache
