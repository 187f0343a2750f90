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
.PHONY: help install sysdeps official-venv official-venv-1 regen regen-check lint format typecheck verifytypes test pytest demo bench bench-streaming compat fuzz clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# portaudio is there when pkg-config or dpkg knows it; only then can pip build pyaudio.
HAVE_PORTAUDIO = { pkg-config --exists portaudio-2.0 || dpkg -s portaudio19-dev; } >/dev/null 2>&1

sysdeps: ## install portaudio (for the optional `extras` extra) where apt-get can; else say what is skipped
	@if $(HAVE_PORTAUDIO); then exit 0; fi; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	if command -v apt-get >/dev/null 2>&1 && { [ -z "$$sudo" ] || command -v sudo >/dev/null 2>&1; }; then \
	  echo "installing Debian packages: $(SYSTEM_PACKAGES)"; \
	  $$sudo apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null || { $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null; } \
	    || echo "sysdeps: apt-get could not install $(SYSTEM_PACKAGES); continuing without the extras extra"; \
	else \
	  echo "sysdeps: portaudio is missing and this machine has no apt-get: installing without the"; \
	  echo "  extras extra (pyaudio), so the real-pyaudio microphone tests are skipped. Install portaudio"; \
	  echo "  with your package manager (e.g. brew install portaudio) and run make install again."; \
	fi

install: $(VENV)/.installed ## create .venv and install the package with every dev tool

$(VENV)/.installed: pyproject.toml requirements-dev.txt | sysdeps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	extras=""; if $(HAVE_PORTAUDIO); then extras="[extras]"; fi; \
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt -e ".$$extras"
	touch $@

regen: install ## regenerate assemblyai/_generated from spec/, report public-surface changes, rewrite spec/surface.lock.json
	$(PY) -m generator.regenerate --spec-dir $(SPEC_DIR) --out $(OUT)

regen-check: install ## fail if assemblyai/_generated or spec/surface.lock.json differ from what `make regen` writes
	$(PY) -m generator.regenerate --check

lint: install ## ruff format --check and ruff check
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install ## ruff format and autofix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install ## mypy --strict over assemblyai/ (generated code included) and generator/
	$(VENV)/bin/mypy

# pyright, pinned, in a build dir (npm's cache makes a reinstall take ~3 s and need no registry).
PYRIGHT_VERSION := 1.1.407
PYRIGHT_DIR := build/pyright
PYRIGHT := $(PYRIGHT_DIR)/node_modules/.bin/pyright
PYRIGHT_STAMP := $(PYRIGHT_DIR)/.installed-$(PYRIGHT_VERSION)

$(PYRIGHT_STAMP):
	@command -v npm >/dev/null || { echo "make verifytypes needs npm (Node.js) to install pyright: install nodejs/npm, e.g. apt-get install npm." >&2; exit 1; }
	rm -rf $(PYRIGHT_DIR) && mkdir -p $(PYRIGHT_DIR)
	npm install --prefix $(PYRIGHT_DIR) --prefer-offline --no-audit --no-fund --no-save --loglevel=error pyright@$(PYRIGHT_VERSION)
	touch $@

verifytypes: install $(PYRIGHT_STAMP) ## pyright --verifytypes: fail under 95% type completeness of the public API
	PATH="$(abspath $(VENV))/bin:$$PATH" $(PY) tests/typing/verifytypes.py --pyright $(PYRIGHT)

pytest: install official-venv official-venv-1 ## run the test suite only
	$(PY) -m pytest

test: install regen-check lint typecheck verifytypes pytest ## everything CI runs

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

# The official SDK 1.0.0 (August 2026), in its own side venv: the differential tests of the
# 1.0 surface and the streaming scale benchmark run it.
OFFICIAL_VENV_1 := bench/.official-venv-1.0.0

official-venv-1: $(OFFICIAL_VENV_1)/.installed ## install the official assemblyai 1.0.0 into bench/.official-venv-1.0.0

$(OFFICIAL_VENV_1)/.installed:
	$(PYTHON) -m venv $(OFFICIAL_VENV_1)
	$(OFFICIAL_VENV_1)/bin/python -m pip install -q --disable-pip-version-check assemblyai==1.0.0
	touch $@

bench: install official-venv ## side-by-side benchmark against the official SDK 0.45.4 (not part of `make test`)
	$(PY) bench/run.py --official-python $(OFFICIAL_VENV)/bin/python

bench-streaming: install official-venv-1 ## hundreds of concurrent AsyncStreamingClient sessions, ours next to the official 1.0.0 (not part of `make test`; ARGS="--sessions 50,100" to narrow)
	$(PY) bench/streaming_scale.py --official-python $(OFFICIAL_VENV_1)/bin/python $(ARGS)

compat: install ## HTTP/websocket suites against the oldest and newest httpx and websockets pyproject.toml allows (.compat/; not part of `make test`)
	$(PY) scripts/compat.py $(ARGS)

fuzz: install ## the fuzz suite with 10,000 examples per property
	FUZZ_EXAMPLES=10000 $(PY) -m pytest tests/fuzz -q

clean: ## remove the venv and caches
	rm -rf $(VENV) .compat .mypy_cache .ruff_cache .pytest_cache
