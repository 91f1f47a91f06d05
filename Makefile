# Two commands matter: `make run` and `make test` (see README.md). Everything they need is
# installed from the pinned requirements into .venv; nothing is assumed on the machine
# beyond python3 (with venv) and make.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
PORT   ?= 8501

.PHONY: run test check lint bench soak weekly demo clean help

help:
	@echo "make run    - set up, build the demo database if missing, serve the dashboard"
	@echo "make test   - set up and run every test"
	@echo "make check  - format check, lint (ruff), types (mypy), then the tests"
	@echo "make bench  - benchmarks at named scales (long)"
	@echo "make soak   - long reliability runs (long)"
	@echo "make weekly - write last week's CSV pack into exports/"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Stamps make `pip install` run only when the pins change.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

data/engagement.duckdb: | $(VENV)/.runtime
	$(PY) -m etl demo --articles 20000 --seed 7

run: $(VENV)/.runtime data/engagement.duckdb
	$(PY) -m streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

test: $(VENV)/.dev
	$(PY) -m pytest -q -p no:cacheprovider

lint: $(VENV)/.dev
	$(PY) -m ruff format --check etl dashboard tests bench scripts
	$(PY) -m ruff check etl dashboard tests bench scripts
	$(PY) -m mypy

check: lint test

bench: $(VENV)/.dev
	$(PY) bench/run_all.py

soak: $(VENV)/.dev
	$(PY) -m pytest -q -p no:cacheprovider -m soak --timeout 900

weekly: $(VENV)/.runtime
	$(PY) -m etl export weekly --out exports

demo: $(VENV)/.runtime
	$(PY) -m etl demo --articles 20000 --seed 7

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
