# The two commands the README promises: `make site` and `make test`.
# Each creates the virtual environment on first use, so a fresh machine
# needs nothing but Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## Build the bilingual site from the data in this repository into site/ (the main job).
site: $(STAMP)
	$(BIN)/wil build

## Run the whole test suite: lint, schema freshness, every test.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/wil schema --check
	$(BIN)/pytest

clean:
	rm -rf $(VENV) site build .pytest_cache
