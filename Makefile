# Entry points: `make demo` runs the analyses (kit run) on seeds/, `make demo-news` on 500 real articles from five outlets, `make lab` opens notebooks/ in JupyterLab
# (the kernel is this venv's Python), `make test` runs the test suite.
# Each creates .venv on first use (torch's CPU build first, then the kit) and reuse it afterwards.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed
OUT    ?= runs/seed

.PHONY: demo demo-news test lab venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kit run seeds/ --out $(OUT)
	@echo "Open $(OUT)/report.html; tables in $(OUT)/tables/, executed notebooks in $(OUT)/notebooks/"

# 500 political articles of April 2018, 100 from each of five outlets, from ../shared/corpora/news; notebooks 01-04 and 06-08
NEWS      ?= ../shared/corpora/news/ant_multisource.parquet
NEWS_OUT  ?= runs/demo-news
demo-news: $(STAMP)
	$(BIN)/kit run $(NEWS) --out $(NEWS_OUT) --text-col text --title-col title --date-col date --source-col outlet \
	    --where "category in ['middleEast', 'internationalNews']" --since 2018-04 --until 2018-04 \
	    --sample 100 --sample-per outlet --seed 0 --engine dask --workers 2 \
	    --notebooks 01_corpus 02_actors 03_claims 04_stances 06_outlets 07_timeline 08_explorer
	@echo "Open $(NEWS_OUT)/report.html; notebooks 06_outlets and 07_timeline in $(NEWS_OUT)/notebooks/"

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
