# factsheets: Pelican's quickstart targets, plus install, test, check and facts.
# Every target that needs Python first creates .venv and installs the project.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=

BASEDIR := $(CURDIR)
INPUTDIR := $(BASEDIR)/content
OUTPUTDIR := $(BASEDIR)/output
CONFFILE := $(BASEDIR)/pelicanconf.py
PUBLISHCONF := $(BASEDIR)/publishconf.py

PORT ?= 8000
BENCH_SIZES ?= --articles 1000 10000
BIND ?= 127.0.0.1
GITHUB_PAGES_BRANCH ?= gh-pages

INSTALLED := $(VENV)/.installed
NODE_TOOLS := node_modules/.installed

.PHONY: import help install html clean regenerate serve devserver publish github test lint check migrate facts eval ratchet bench screenshots golden methodology

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,import,deploy,search]'
	@touch $@

$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(INSTALLED) ## Create .venv and install the project with its test tools

html: $(INSTALLED) ## Update fact sheets and build the site into output/
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal errors $(PELICANOPTS)

clean: ## Remove the generated site
	rm -rf $(OUTPUTDIR)

regenerate: $(INSTALLED) ## Rebuild whenever content, settings or theme change
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(INSTALLED) ## Serve output/ on http://127.0.0.1:8000
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b $(BIND)

devserver: $(INSTALLED) ## Serve on http://127.0.0.1:8000, rebuild on change, reload the browser
	$(BIN)/factsheets devserver -s $(CONFFILE) --content $(INPUTDIR) -o $(OUTPUTDIR) -p $(PORT) -b $(BIND)

publish: $(INSTALLED) ## Build for deployment with publishconf.py (set SITEURL)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal errors $(PELICANOPTS)

github: publish ## Publish output/ to the gh-pages branch and push it
	$(BIN)/ghp-import -n -m "Generate Pelican site" -b $(GITHUB_PAGES_BRANCH) $(OUTPUTDIR)
	git push origin $(GITHUB_PAGES_BRANCH)

lint: $(INSTALLED) ## Lint the code with ruff
	$(BIN)/ruff check plugins tests bench pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests bench pelicanconf.py publishconf.py

test: lint $(NODE_TOOLS) ## Lint, then run the whole test suite (needs chromium and java: see .ci/run)
	$(BIN)/pytest

check: $(INSTALLED) ## Validate the fact sheets and topics
	$(BIN)/factsheets check --content $(INPUTDIR)

migrate: $(INSTALLED) ## Move evidence out of fact sheets of the old layout into content/evidence/
	$(BIN)/factsheets migrate --content $(INPUTDIR)

facts: $(INSTALLED) ## Update fact sheets from the articles without building the site
	$(BIN)/factsheets facts --content $(INPUTDIR)

REAL_CORPUS ?= ../shared/corpus

eval: $(INSTALLED) ## Score extraction on tests/corpus and the real reports in ../shared/corpus
	$(BIN)/factsheets eval tests/corpus --real $(REAL_CORPUS) --ratchet tests/ratchet.yaml

ratchet: $(INSTALLED) ## Raise tests/ratchet.yaml to today's extraction figures where higher
	$(BIN)/factsheets eval tests/corpus --real $(REAL_CORPUS) --ratchet tests/ratchet.yaml --update-ratchet

bench: $(INSTALLED) ## Extraction throughput and size, hostile input, whole builds against plain Pelican and Hugo
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,import,deploy,search,bench]'
	$(BIN)/python bench/cli_start.py
	$(BIN)/python bench/extract_throughput.py
	$(BIN)/python bench/article_size.py
	$(BIN)/python bench/bad_input.py
	$(BIN)/python bench/site_build.py $(BENCH_SIZES)

golden: $(INSTALLED) ## Write tests/golden/expected/ again: the golden site's whole output, to review as a diff
	$(BIN)/python tests/golden.py

methodology: $(INSTALLED) ## Write plugins/factsheets/data/methodology.md (the /methodology/ page) again from docs/
	$(BIN)/python -m factsheets.methodology docs

screenshots: html ## Save PNGs of the key pages at desktop and phone widths in docs/screenshots/
	$(BIN)/python bench/screenshots.py

import: $(INSTALLED) ## Import saved pages, .txt files or URLs: make import SRC="page.html https://..." [DATE=YYYY-MM-DD]
	$(BIN)/factsheets import --content $(INPUTDIR) $(if $(DATE),--date $(DATE)) $(SRC)
