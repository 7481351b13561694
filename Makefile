# Two commands do all the set-up on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint screenshots bench mutation sysdeps-run sysdeps-test clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

sysdeps-run:
	@bash tools/sysdeps.sh run

sysdeps-test:
	@bash tools/sysdeps.sh test

run: sysdeps-run $(STAMP)
	$(BIN)/rcdesk $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

screenshots: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py docs/screenshots

bench: sysdeps-test $(STAMP)
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

# Mutation testing of the pure rule modules (cosmic-ray, a dev tool outside CI and outside
# `make test`): `make mutation`, or `make mutation MODULES="workdays money"`, JOBS=1 on one core.
mutation: sysdeps-test $(STAMP)
	VENV=$(VENV) JOBS=$(or $(JOBS),2) bash tools/mutation/run.sh $(MODULES)

clean:
	rm -rf $(VENV) build *.egg-info
