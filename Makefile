# lunar_edu: every command lives here; CI calls these targets (.ci/run -> make test).

PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
# Reinstall only when the package metadata changes.
STAMP       := $(VENV)/.lunar_edu-installed
SPHINXOPTS  ?= -W --keep-going
PYTEST_ARGS ?=
# pytest-xdist workers: one per core (2 on CI). The tests that share the one
# site build wait for the one build the run starts (tests/conftest.py).
PYTEST_JOBS ?= auto
PYTEST      := $(PY) -m pytest -n $(PYTEST_JOBS) --dist worksteal
BUILDDIR    := docs/_build

.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[docs,test]"
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install lunar_edu with its docs and test extras

# The Chinese edition (zh_CN/ inside the English site) is built from a mirror
# of docs/ (tools/zh_source.py), because sphinx-gallery writes each edition's
# lesson pages and pictures into its source folder; its lessons draw Chinese
# labels (LUNAR_EDU_LANG=zh_CN). The two editions build at the same time, each
# filling the core the other leaves idle (Sphinx reads and writes pages on one
# core); a scene both render is rendered once, by whichever asks first, and
# read from the render cache by the other. The English build runs at a lower
# priority (nice): the Chinese one, which has more pages to translate after
# its lessons, then gets ahead and both end together (30-38 s for both on
# 2 cores, as busy as the machine is; 56-62 s one after the other). The Chinese build's warnings are printed after the English
# build's output; either failing fails the target. A job started in the
# background ignores Ctrl-C, so the trap stops it (and its lesson workers)
# with the English build.
ZH_SOURCE   := $(BUILDDIR)/zh_CN-source
ZH_LOG      := $(BUILDDIR)/zh_CN-build.log
RENDER_CACHE := $(abspath $(BUILDDIR))/render-cache

html: $(STAMP)  ## build the whole site in English and Chinese (zh_CN/), every lesson executed, warnings are errors
	$(PY) tools/zh_source.py $(ZH_SOURCE)
	LUNAR_EDU_LANG=zh_CN LUNAR_EDU_RENDER_CACHE=$(RENDER_CACHE) \
	  $(PY) -m sphinx $(SPHINXOPTS) -q -b html -d $(BUILDDIR)/zh_CN-doctrees \
	  $(ZH_SOURCE)/docs $(BUILDDIR)/html/zh_CN > $(ZH_LOG) 2>&1 & chinese=$$!; \
	  trap 'pkill -P $$chinese; kill $$chinese; exit 130' INT TERM; \
	  nice -n 15 env -u LUNAR_EDU_LANG LUNAR_EDU_RENDER_CACHE=$(RENDER_CACHE) \
	  $(PY) -m sphinx $(SPHINXOPTS) -b html docs $(BUILDDIR)/html; english=$$?; \
	  wait $$chinese; zh=$$?; cat $(ZH_LOG); \
	  if [ $$zh -eq 0 ]; then echo "中文版 (zh_CN): build succeeded."; \
	  else echo "中文版 (zh_CN): build failed (above; log in $(ZH_LOG))."; fi; \
	  if [ $$english -ne 0 ]; then exit $$english; fi; exit $$zh
	@echo "Open $(BUILDDIR)/html/index.html (中文: $(BUILDDIR)/html/zh_CN/index.html) in a browser."

html-en: $(STAMP)  ## build the English site only (faster edit loop)
	env -u LUNAR_EDU_LANG LUNAR_EDU_RENDER_CACHE=$(RENDER_CACHE) \
	  $(PY) -m sphinx $(SPHINXOPTS) -b html docs $(BUILDDIR)/html

# Every message the translators see: the docs' pages (Sphinx gettext, then
# sphinx-intl update: one .po per page; the API reference stays English, so
# its catalogues are dropped) and lunar_edu's runtime messages (labels drawn
# on pictures, captions, alt text; tools/extract_messages.py runs every lesson).
# gettext reads its own mirror of docs/: the gallery pages an HTML build
# generated in docs/ carry the lessons' printed output and captions, which
# are runtime messages (lunar_edu.po), not page text.
GETTEXT_SOURCE := $(BUILDDIR)/gettext-source

translations: $(STAMP)  ## update the zh_CN .po files from the English sources (docs and lunar_edu)
	$(PY) tools/zh_source.py $(GETTEXT_SOURCE)
	env -u LUNAR_EDU_LANG $(PY) -m sphinx -q -D plot_gallery=0 -b gettext \
	  -d $(BUILDDIR)/gettext-doctrees $(GETTEXT_SOURCE)/docs $(BUILDDIR)/gettext
	rm -rf $(BUILDDIR)/gettext/_generated/api $(BUILDDIR)/gettext/contribute/api.pot
	$(PY) -m sphinx_intl update -p $(BUILDDIR)/gettext -d docs/locale -l zh_CN
	$(PY) tools/extract_messages.py
	$(PY) tools/tidy_po.py

html-noplot: $(STAMP)  ## build the site without running the lessons
	$(PY) -m sphinx $(SPHINXOPTS) -D plot_gallery=0 -b html docs $(BUILDDIR)/html-noplot

lint: $(STAMP)  ## ruff lint and format check, mypy type check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(STAMP)  ## apply ruff format and safe lint fixes
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Bytecode for lunar_edu, written once: the suite starts many Python processes
# (lessons, the CLI, Sphinx builds) and each would otherwise compile the
# package again where PYTHONDONTWRITEBYTECODE is set, as on CI machines.
# ruff first, as it fails fastest; mypy (one core, 5 s without its cache)
# runs beside the tests and its report follows theirs.
test: $(STAMP)  ## ruff, then every test on all cores with mypy beside them (one real docs build, every lesson)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m compileall -q lunar_edu docs/_ext
	@mkdir -p $(BUILDDIR)
	$(PY) -m mypy > $(BUILDDIR)/mypy.log 2>&1 & typing=$$!; \
	  trap 'kill $$typing 2>/dev/null; exit 130' INT TERM; \
	  $(PYTEST) $(PYTEST_ARGS); tests=$$?; \
	  wait $$typing; typed=$$?; cat $(BUILDDIR)/mypy.log; \
	  if [ $$tests -ne 0 ]; then exit $$tests; fi; exit $$typed

test-quick: $(STAMP)  ## the fast tests for the edit loop: no docs build, lessons or renderer tests
	$(PYTEST) -m "not docs and not lessons and not renders" $(PYTEST_ARGS)

BROWSER_STAMP := $(VENV)/.lunar_edu-browser-installed
$(BROWSER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[docs,test,browser]"
	@touch $(BROWSER_STAMP)

# axe-core from npm, pinned by tests/browser/package-lock.json; skipped (the
# tests then say what is missing) where Node.js is not installed.
tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && \
	  touch $@; \
	else echo "npm not found: the axe tests will be skipped"; fi

test-browser: html $(BROWSER_STAMP) tests/browser/node_modules/axe-core/axe.min.js  ## the built site in headless Chromium: axe, print, phone, requests
	$(PY) -m pytest -p no:xdist -m browser tests/browser --durations=5 $(PYTEST_ARGS)

BENCH_STAMP := $(VENV)/.lunar_edu-bench-installed
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[docs,test,bench]"
	@touch $(BENCH_STAMP)

# Parts of `make bench` to run, e.g. BENCH="import products" (default: all).
BENCH ?=
bench: $(BENCH_STAMP)  ## time start-up, lessons, rendering, develop, docs and test builds against their budgets
	$(PY) benchmarks/run.py $(BENCH)

# The classroom kit for a USB stick: the site as built by `make html` (so it
# is the checked one), the lessons as scripts and notebooks, and a wheel.
# The wheel is built offline with the venv's setuptools (the test extra
# asks for one with bdist_wheel built in).
bundle: html  ## write dist/lunar_edu-classroom-<version>.zip: site, lessons, worksheets, wheel
	$(PY) tools/make_bundle.py --out dist

# Pinning records each open-licence download's SHA-256 and size in the
# repository's lunar_edu/catalog.toml (never an installed copy); lunar_edu
# uses no download until it is pinned. Needs network. PIN chooses entries,
# e.g. PIN="lroc-above-landing-site" (default: every unpinned download);
# PIN_ARGS="--force" re-pins sources that have a hash already.
PIN      ?=
PIN_ARGS ?=
pin: $(STAMP)  ## download unpinned pictures and write their SHA-256 and size into lunar_edu/catalog.toml
	$(PY) tools/pin_sources.py --download $(PIN_ARGS) $(PIN)

clean:  ## remove builds, generated gallery folders and caches (keeps .venv)
	rm -rf $(BUILDDIR) docs/auto_examples docs/_generated docs/sg_execution_times.rst \
	  lunar_edu_pictures .pytest_cache .ruff_cache build dist *.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

.PHONY: help install html html-en translations html-noplot lint format test test-quick test-browser bench bundle pin clean
