# Two commands do everything: `make demo` and `make test`. Both set up what is
# missing (Debian packages, the venv, the sample set) and nothing more.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps

.PHONY: demo test setup lint bench clean services

setup: $(STAMPS)/system $(STAMPS)/venv

$(STAMPS)/system: scripts/apt-packages.txt scripts/setup-system
	@mkdir -p $(STAMPS)
	scripts/setup-system
	@touch $@

$(STAMPS)/venv: pyproject.toml $(STAMPS)/system
	@mkdir -p $(STAMPS)
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

services: setup
	scripts/test-services start

test: setup services
	$(BIN)/python -m pytest -n 2 --dist loadgroup

demo: setup
	$(BIN)/honnin demo

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(STAMPS) var build *.egg-info
