# Every target sets up what it needs, so a fresh clone needs nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: setup check generate build serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

## check: validate every record against the policy's rules (exit 1 on errors)
check: $(STAMP)
	$(BIN)/handbook check

## generate: write the status pages and rule boxes from the records
generate: $(STAMP)
	$(BIN)/handbook site generate

## build: generate, then build the published handbook into site/
build: generate
	$(BIN)/mkdocs build --strict

## serve: check the records, then build and serve the handbook on http://$(HOST)
serve: $(STAMP)
	-$(BIN)/handbook check
	$(BIN)/handbook site generate
	$(BIN)/mkdocs serve --dev-addr $(HOST)

## test: run the whole test suite, browser tests included
test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# Chromium and a Chinese font (without one, screenshots of the Chinese pages show boxes).
browser:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || { \
	  echo "Installing Debian's chromium and fonts-wqy-microhei for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check checker tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) site build .generated docs/status docs/reference
