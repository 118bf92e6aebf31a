# Entry points: `make demo` runs the analyses (kit run) on seeds/, `make lab` opens notebooks/ in JupyterLab
# (the kernel is this venv's Python), `make test` runs the test suite.
# Each creates .venv on first use (torch's CPU build first, then the kit) and reuse it afterwards.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed
OUT    ?= runs/seed

.PHONY: demo test lab venv clean

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

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
