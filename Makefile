# SINN showcase: `make html` and `make test` set everything up on a fresh machine.
.DEFAULT_GOAL := html
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD_STAMP := $(VENV)/.build-deps
TEST_STAMP := $(VENV)/.test-deps
NODE_STAMP := node_modules/.installed
BROWSER_STAMP := $(VENV)/.browser-tools
BENCH_STAMP := $(VENV)/.bench-deps
OUTPUT ?= output
PORT ?= 8000

# Where PYTHONDONTWRITEBYTECODE is set (many CI images, this machine) Python compiles every module of plugins/ and
# tools/ again in each build, about 0.15 s: compiled once here (compileall skips what is up to date, ~30 ms). A tree
# that cannot be written (or a syntax error, which the build reports itself) only costs that time.
COMPILE = @$(PY) -m compileall -q plugins tools pelicanconf.py publishconf.py previewconf.py >/dev/null 2>&1 || true

.PHONY: html serve publish vorschau check report test lint bench clean story actor screenshots linkcheck

$(BUILD_STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TEST_STAMP): $(BUILD_STAMP) requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

$(BENCH_STAMP): $(BUILD_STAMP) requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

# The npm packages of package-lock.json, project-local: the web editor (Sveltia CMS and its fonts) that the build
# copies into /admin/, and the test suite's checkers. Without npm the site is still built, without the editor.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Hinweis: npm fehlt, der Web-Editor (/admin/) wird ohne Sveltia CMS gebaut. Beheben: 'sudo apt-get install npm', dann erneut make." >&2; \
	elif npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then touch $@; \
	else echo "Hinweis: 'npm ci' ist fehlgeschlagen (siehe oben), der Web-Editor (/admin/) fehlt in diesem Build. Netz zum npm-Register prüfen, dann erneut make." >&2; fi

# Debian's chromium (no browser download at run time) and Java for the Nu Html Checker.
$(BROWSER_STAMP):
	bash tools/install-test-tools.sh
	@touch $@

## html: check the content, then build the site (drafts shown) into output/; nothing changed since the last build: nothing to do (FULL=1: build anyway)
html: $(BUILD_STAMP) $(NODE_STAMP)
	$(COMPILE)
	$(PY) -m tools.build --settings pelicanconf.py --output $(OUTPUT) $(if $(FULL),--full)

## publish: build the public site (no drafts, real SITEURL) into output/
publish: $(BUILD_STAMP) $(NODE_STAMP)
	$(COMPILE)
	$(PY) -m tools.build --settings publishconf.py --output $(OUTPUT) $(if $(FULL),--full)

## vorschau: the preview of a pull request (drafts marked "Entwurf", a "Vorschau" banner, robots kept out) into output/; SINN_SITEURL is its address
vorschau: $(BUILD_STAMP)
	$(COMPILE)
	$(PY) -m tools.build --settings previewconf.py --output $(OUTPUT)

## linkcheck: after make html or make publish, check every link, image, script and #anchor in output/ (EXTERNAL=1: other sites too)
linkcheck: $(BUILD_STAMP)
	$(PY) -m tools.linkcheck $(OUTPUT) $(if $(EXTERNAL),--external)

## serve: build, serve at http://127.0.0.1:$(PORT)/ and rebuild on save
serve: $(BUILD_STAMP) $(NODE_STAMP)
	$(COMPILE)
	$(PY) -m tools.serve --settings pelicanconf.py --output $(OUTPUT) --port $(PORT)

## check: validate all content and list every problem at once (SETTINGS=publishconf.py: as make publish builds)
check: $(BUILD_STAMP)
	$(PY) -m tools.check content --settings $(if $(SETTINGS),$(SETTINGS),pelicanconf.py) $(if $(FORMAT),--format $(FORMAT)) $(if $(TODAY),--today $(TODAY))

## bilder: strip metadata (GPS, names, serial numbers) from the originals in content/images/, turn them upright and scale them to at most 2560 px, in place
.PHONY: bilder
bilder: $(BUILD_STAMP)
	$(PY) -m tools.bilder content

## report: editors' report in Markdown: reviews overdue or due soon, stories without guide or easy language (TODAY=JJJJ-MM-TT: another day)
report: $(BUILD_STAMP)
	$(PY) -m tools.report content --settings $(if $(SETTINGS),$(SETTINGS),pelicanconf.py) $(if $(TODAY),--today $(TODAY))

## test: lint, then every test (installs test tools on first use)
test: $(TEST_STAMP) $(NODE_STAMP) $(BROWSER_STAMP)
	$(PY) -m ruff check plugins tools tests pelicanconf.py publishconf.py previewconf.py
	$(PY) -m pytest -q $(PYTEST_ARGS)

## test-fast: lint, then the tests that need no browser, npm or Java and build no site (tests/speed.py marks those slow); about a minute
.PHONY: test-fast
test-fast: lint
	$(PY) -m pytest -q -m "not browser and not slow" $(PYTEST_ARGS)

## screenshots: pictures of home, a story and an actor at 390 and 1280 px in output/_screenshots/
screenshots: html $(TEST_STAMP) $(NODE_STAMP) $(BROWSER_STAMP)
	$(PY) -m tools.screenshots --output $(OUTPUT)

## screenshots-editor: pictures of the web editor's sign-in page and story form (test repository in the browser, no GitHub) for CONTRIBUTING.md in docs/web-editor/
.PHONY: screenshots-editor
screenshots-editor: $(TEST_STAMP) $(NODE_STAMP) $(BROWSER_STAMP)
	$(PY) -m tools.web_editor --target docs/web-editor

## docs: CONTRIBUTING.md's field tables from the schemas' descriptions, and the proposal form's choices from content/data/ (a test fails when either is out of date)
.PHONY: docs
docs: $(BUILD_STAMP)
	$(PY) -m tools.schema_docs
	$(PY) -m tools.proposal_form

## vorschlag: a draft story from a proposal issue, as the workflow "Vorschlag übernehmen" does: VORSCHLAG=file with the issue's text, NUMMER, ADRESSE, AUSGABE=folder for the draft and the pull request's texts
.PHONY: vorschlag
override VORSCHLAG := $(value VORSCHLAG)
override ADRESSE := $(value ADRESSE)
export VORSCHLAG NUMMER ADRESSE AUSGABE
vorschlag: $(BUILD_STAMP)
	$(PY) -m tools.proposal "$$VORSCHLAG" --number "$$NUMMER" --url "$$ADRESSE" --out "$$AUSGABE"

lint: $(TEST_STAMP)
	$(PY) -m ruff check plugins tools tests pelicanconf.py publishconf.py previewconf.py

## bench: build times against bare Pelican and Hugo, preview, search, images, page weight; table and bench/results.json; not part of make test
bench: $(TEST_STAMP) $(NODE_STAMP) $(BROWSER_STAMP) $(BENCH_STAMP)
	$(COMPILE)
	$(PY) -m tools.bench $(if $(ONLY),$(foreach s,$(ONLY),--only $(s)))

## story / actor: new draft file from the scaffold, e.g. make story TITLE="Ein Titel"
# A title or name reaches the tool as typed: taken unexpanded ($(value …)) and handed over through the
# environment ("$$TITLE"), never pasted into the shell line, so `…`, $(…) and quotes stay text.
override TITLE := $(value TITLE)
override NAME := $(value NAME)
export TITLE NAME
story: $(BUILD_STAMP)
	$(PY) -m tools.scaffold story "$$TITLE"

actor: $(BUILD_STAMP)
	$(PY) -m tools.scaffold actor "$$NAME"

clean:
	rm -rf $(OUTPUT) .cache .pytest_cache .ruff_cache
