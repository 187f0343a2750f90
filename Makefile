# Thin, self-documenting targets; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SPEC_DIR ?= spec
OUT ?= assemblyai/_generated
# Debian packages: portaudio for the real pyaudio build (the `extras` extra).
SYSTEM_PACKAGES := portaudio19-dev

.DEFAULT_GOAL := help
.PHONY: help install sysdeps official-venv regen regen-check lint format typecheck test pytest demo bench compat fuzz clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

sysdeps: ## install the Debian packages the extras need (portaudio), when missing
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get install -y -q $$missing >/dev/null || { $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q $$missing >/dev/null; }; \
	fi

install: $(VENV)/.installed ## create .venv and install the package with every dev tool

$(VENV)/.installed: pyproject.toml requirements-dev.txt | sysdeps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt -e '.[extras]'
	touch $@

regen: install ## regenerate assemblyai/_generated from spec/ (SPEC_DIR=... OUT=... to override)
	$(PY) -m generator.regenerate --spec-dir $(SPEC_DIR) --out $(OUT)

regen-check: install ## fail if assemblyai/_generated differs from what `make regen` writes
	$(PY) -m generator.regenerate --check

lint: install ## ruff format --check and ruff check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install ## ruff format and autofix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install ## mypy --strict over assemblyai/ (generated code included)
	$(VENV)/bin/mypy

pytest: install official-venv ## run the test suite only
	$(PY) -m pytest

test: install regen-check lint typecheck pytest ## everything CI runs

demo: install ## transcribe, search, summarise and stream examples/sample.wav in the sandbox (ARGS=--live: the real API)
	$(PY) examples/demo.py $(ARGS)

# The official SDK 0.45.4 from PyPI, in a side venv: tests/compat compares against it and
# `make bench` measures against it.
OFFICIAL_VENV := bench/.official-venv

official-venv: $(OFFICIAL_VENV)/.installed ## install the official assemblyai 0.45.4 into bench/.official-venv

$(OFFICIAL_VENV)/.installed:
	$(PYTHON) -m venv $(OFFICIAL_VENV)
	$(OFFICIAL_VENV)/bin/python -m pip install -q --disable-pip-version-check assemblyai==0.45.4
	touch $@

bench: install official-venv ## side-by-side benchmark against the official SDK 0.45.4 (not part of `make test`)
	$(PY) bench/run.py --official-python $(OFFICIAL_VENV)/bin/python

compat: install ## HTTP/websocket suites against the oldest and newest httpx and websockets pyproject.toml allows (.compat/; not part of `make test`)
	$(PY) scripts/compat.py $(ARGS)

fuzz: install ## the fuzz suite with 10,000 examples per property
	FUZZ_EXAMPLES=10000 $(PY) -m pytest tests/fuzz -q

clean: ## remove the venv and caches
	rm -rf $(VENV) .compat .mypy_cache .ruff_cache .pytest_cache
