# newsmine: `make run` runs the pipeline on data/raw; `make test` runs the tests. Both install first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect

RAW     ?= data/raw
OUT     ?= data/parquet
REPORTS ?= data/reports

.PHONY: install install-test run test lint docs clean browser bi lock serve bench train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==0.13.9

# Installs are keyed on the lock files: they rerun only when a lock changes. Bytecode is compiled at
# install, as pip does and uv does not by default: under PYTHONDONTWRITEBYTECODE (set in many
# containers) every process would otherwise compile Prefect, Great Expectations and spaCy from
# source at each import (measured: 16.6 s against 8.9 s to import the three).
$(VENV)/.run-installed: requirements/run.lock pyproject.toml | $(BIN)/python
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes --compile-bytecode -r requirements/run.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q newsmine flows >/dev/null
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes --compile-bytecode -r requirements/dev.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q newsmine flows benchmarks tools >/dev/null
	touch $(VENV)/.run-installed $@

install: $(VENV)/.run-installed
install-test: $(VENV)/.dev-installed

run: install
	$(BIN)/newsmine run --raw $(RAW) --out $(OUT) --reports $(REPORTS)

# Chromium and its driver from Debian, for the report test (it skips, saying why, without them).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "chromium not installed: the browser test will skip"; }

# Tests on two processes (pytest-xdist), as CI has two cores. The slow end-to-end runs are collected
# first, so the suite ends on quick tests that an idle worker steals: measured 2 min 36 s to 3 min 38 s,
# against 4 min 48 s with --dist load. TEST_WORKERS=0 runs them in this process (for pdb).
TEST_WORKERS ?= 2
test: install-test browser
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

lint: install-test
	$(BIN)/ruff check newsmine flows tests tools
	$(BIN)/mypy newsmine flows

# A real Prefect server on 127.0.0.1 (the temporary one has no scheduler), then the pipeline deployed to
# the work pool of prefect.yaml, on its schedule, with a process worker of that pool. Ctrl-C stops all.
# UI: http://127.0.0.1:$(PREFECT_PORT) (its API URL follows the port). SERVE_ARGS: options of flows/serve.py.
PREFECT_PORT ?= 4200
API_URL = http://127.0.0.1:$(PREFECT_PORT)/api
serve: install
	@mkdir -p $(PREFECT_HOME)
	PREFECT_SERVER_API_HOST=127.0.0.1 PREFECT_SERVER_API_PORT=$(PREFECT_PORT) PREFECT_UI_API_URL=$(API_URL) \
	  $(BIN)/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT) > $(PREFECT_HOME)/server.log 2>&1 & \
	  server=$$!; trap 'kill $$server' EXIT INT TERM; \
	  PREFECT_API_URL=$(API_URL) $(BIN)/python -m flows.serve --wait-for-server 120 $(SERVE_ARGS)

# Throughput against the bare spaCy floor (with the temporary and with a running Prefect server, at
# N = 1,500 and N = 2,000, with a timeline), then incident linking at 100,000 figures; each writes its
# section of benchmarks/RESULTS.md. About 40 minutes on 2 cores; BENCH_ARGS="--n 300 --compare-n 300
# --repeat 1 --skip-4n --skip-web" for a quick one.
bench: install
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.incidents

# Retrain the category model on ../shared/devset (less its held-out fifth): prints the cross-validated score.
GOLD ?= ../shared/devset
train: install
	$(BIN)/python -m tools.train_categories --gold $(GOLD) --write

bi: install
	$(BIN)/newsmine bi --out $(OUT) --db data/newsmine.duckdb

docs: install
	$(BIN)/newsmine docs --output docs/tables.md

# Regenerate the lock files after changing pyproject.toml.
lock: | $(BIN)/python
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/run.lock
	$(UV) pip compile pyproject.toml --extra test --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

clean:
	rm -rf $(OUT)/* $(REPORTS) .prefect .pytest_cache
	touch $(OUT)/.gitkeep
