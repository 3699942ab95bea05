# The few commands a person types. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test contract lint format bench screenshot i18n clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,province]'
	touch $(STAMP)

demo: $(STAMP)  ## the app against an embedded province server with demo data
	$(BIN)/counter-app --demo --home demo-data

test: $(STAMP)  ## the whole suite (PostgreSQL too when CMS_TEST_POSTGRES_URL is set)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

contract: $(STAMP)  ## the OpenAPI document against the real province: a bounded schemathesis run
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q tests/test_openapi_fuzz.py tests/test_contract.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy local_cache counter_app/sync

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## benchmarks with their targets (not part of the tests)
	$(BIN)/python -m bench

screenshot: $(STAMP)  ## the README's picture, from a real window under Xvfb
	rm -rf /tmp/counter-shot
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/counter-app --demo --home /tmp/counter-shot \
		--screenshot docs/screenshot.png

i18n: $(STAMP)  ## refresh the .ts files from the code and compile the .qm files
	$(BIN)/pyside6-lupdate $$(find ui -name '*.py') resources/i18n/extra_strings.py \
		-no-obsolete -ts resources/i18n/counter_zh_CN.ts
	$(BIN)/pyside6-lrelease resources/i18n/counter_zh_CN.ts -qm resources/i18n/counter_zh_CN.qm

clean:
	rm -rf $(VENV) demo-data .pytest_cache .ruff_cache
