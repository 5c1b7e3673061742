# The two commands of the README. Each installs what it needs first (pinned), then runs.
.PHONY: serve test build bench

export NO_MKDOCS_2_WARNING := 1

serve:            ## build the whole site (Pyodide included) and serve it on http://127.0.0.1:8000/knobs/
	bash .ci/setup site
	.venv/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

test:             ## run the whole test suite: unit tests, lesson cells, the strict build, the browser tests
	bash .ci/setup test
	.venv/bin/python -m pytest $(PYTEST_ARGS)

build:            ## build the site into site/ (what GitHub Pages publishes)
	bash .ci/setup site
	.venv/bin/mkdocs build --strict

bench:            ## print the speed figures recorded in BENCHMARKS.md
	bash .ci/setup test
	.venv/bin/python benchmarks/run.py
