# Thin aliases for the README commands. `make lab` and `make test` are all a
# learner or CI needs; both create .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install whenever pyproject.toml is newer than this stamp.
STAMP  := $(VENV)/.install-stamp

.PHONY: venv lab test student bench clean distclean

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[test]"
	touch $@

lab: venv
	$(BIN)/jupyter lab notebooks/

test: venv
	$(BIN)/python -m pytest

student: venv
	$(BIN)/python -m course_utils.tools.student_edition

bench: venv
	@set -e; found=0; \
	for script in benchmarks/*.py; do \
		[ -e "$$script" ] || continue; found=1; \
		echo "== $$script"; $(BIN)/python "$$script"; \
	done; \
	[ $$found = 1 ] || echo "no scripts in benchmarks/"

# Generated files only; keeps .venv (use `make distclean` to remove it too).
clean:
	rm -rf build/ dist/ *.egg-info/ test-artifacts/ student/ .pytest_cache/
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV)
