# Commands for learners and maintainers; everything else is a helper.
#   make app   - create .venv if needed, install the course, open it as an app (Voilà)
#   make lab   - create .venv if needed, install the course, open JupyterLab
#   make test  - bring .venv up to date with the test extra and run every test
# (make check: every test but the real-browser ones, for quick loops while editing)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
COURSE_LANG ?= ja

.PHONY: app lab test check doctor lint format bench clean-venv help
.DEFAULT_GOAL := help

help:
	@echo "make app    - open the course as an app, no code on screen (COURSE_LANG=en for English)"
	@echo "make lab    - open the course in JupyterLab (COURSE_LANG=en for English)"
	@echo "make test   - run every test (unit, widgets, notebooks, real browser)"
	@echo "make check  - every test but the real browser, for quick loops"
	@echo "make doctor - check that Python, the packages and the kernel are ready"
	@echo "make lint   - ruff over the package, tests and notebooks"
	@echo "make bench  - run the benchmarks in benchmarks/"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed (found " + sys.version.split()[0] + ").")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.course-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

# --no-compile: pip would compile every installed module (about 45 s of the
# install); the test run compiles only what it imports, once (KEEP_BYTECODE).
$(VENV)/.course-test-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --no-compile -e ".[test,hub]"
	@touch $@ $(VENV)/.course-installed

lab: $(VENV)/.course-installed
	$(PY) -m course lab --lang $(COURSE_LANG)

# The app opens in the language chosen last, unless COURSE_LANG is given.
APP_LANG = $(if $(filter command line environment,$(origin COURSE_LANG)),--lang $(COURSE_LANG))
app: $(VENV)/.course-installed
	$(PY) -m course app $(APP_LANG)

AXE := tests/browser/node_modules/axe-core/axe.min.js

# Tests keep Python's bytecode caches (__pycache__, ignored by git) even where the
# shell sets PYTHONDONTWRITEBYTECODE: every worker, kernel and server of a run
# otherwise compiles the course and the tests again (about 5 s per worker just
# to collect, 0.1 s per kernel).
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE=

test: $(VENV)/.course-test-installed
	@[ -f $(AXE) ] || ! command -v npm >/dev/null || npm ci --prefix tests/browser --no-audit --no-fund --silent || echo "axe-core not installed: accessibility checks will be skipped"
	$(KEEP_BYTECODE) $(PY) -m pytest

# Everything but the real browser: nbval then runs every notebook itself.
check: $(VENV)/.course-test-installed
	$(KEEP_BYTECODE) $(PY) -m pytest -m "not browser"

doctor: $(VENV)/.course-installed
	$(PY) -m course doctor

lint: $(VENV)/.course-test-installed
	$(PY) -m ruff check course tests benchmarks notebooks

bench: $(VENV)/.course-test-installed
	$(PY) -m benchmarks

clean-venv:
	rm -rf $(VENV)
