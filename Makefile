# Thin aliases for the README commands. `make lab` and `make test` are all a
# learner needs; both create .venv on first use. CI runs `.ci/run`, which adds the
# portability matrix and the minimum-versions run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install whenever pyproject.toml is newer than this stamp.
STAMP  := $(VENV)/.install-stamp
# The minimum-versions environment (every dependency at its lowest declared version).
MIN_VENV  := .venv-min
MIN_STAMP := $(MIN_VENV)/.install-stamp
MIN_DEPS  := $(MIN_VENV)/.deps-stamp
# Notebooks and unit tests, without the browser test and the student edition.
# (nbval never re-runs the Chinese notebooks: pyproject.toml's norecursedirs.)
CORE_TESTS := tests notebooks -m "not browser" --ignore=tests/test_student_edition.py

.PHONY: venv lab lab-zh test portability min-deps test-min student translations bench clean distclean

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[test]"
	$(BIN)/python -m course_utils.tools.lab_settings
	touch $@

lab: venv
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

# The Chinese edition (notebooks/zh_CN/, built from the English notebooks and
# translations/zh_CN/*.po by `make translations`; committed, so no build is needed).
lab-zh: venv
	$(BIN)/jupyter lab notebooks/zh_CN/00_start_here.ipynb

test: venv
	$(BIN)/python -m pytest

# The notebooks (stored outputs compared, check cells run) and the unit tests under
# two more OpenBLAS kernels than `make test`'s own one, with 2 and 1 BLAS threads
# (`make test` runs 1 thread): the settings are printed by
# `python -m course_utils.tools.portability --matrix`. PORTABILITY_SETTINGS (e.g.
# "Sandybridge/2") runs only some of them.
PORTABILITY_SETTINGS ?= $$($(BIN)/python -m course_utils.tools.portability --matrix)
portability: venv
	@set -e; for setting in $(PORTABILITY_SETTINGS); do \
		kernel=$${setting%/*}; threads=$${setting#*/}; \
		echo "== portability: OPENBLAS_CORETYPE=$$kernel, $$threads BLAS thread(s)"; \
		OPENBLAS_CORETYPE=$$kernel OPENBLAS_NUM_THREADS=$$threads OMP_NUM_THREADS=$$threads \
			$(BIN)/python -m pytest $(CORE_TESTS) -q; \
	done

# Every dependency at the lowest version pyproject.toml declares, then the unit
# tests and nbval: the floors we promise are floors we test.
$(MIN_VENV)/bin/python:
	$(PYTHON) -m venv $(MIN_VENV)

# The dependencies first (`make min-deps`: .ci/run installs them while `make venv` runs,
# which builds the course's own editable install in this folder), then the course.
$(MIN_DEPS): pyproject.toml | $(MIN_VENV)/bin/python
	$(MIN_VENV)/bin/python -m pip install --upgrade pip
	$(PYTHON) course_utils/tools/min_versions.py > $(MIN_VENV)/requirements-min.txt
	$(MIN_VENV)/bin/python -m pip install -r $(MIN_VENV)/requirements-min.txt
	touch $@

min-deps: $(MIN_DEPS)

$(MIN_STAMP): $(MIN_DEPS)
	$(MIN_VENV)/bin/python -m pip install --no-deps -e .
	touch $@

# MIN_SETTING (e.g. "Nehalem/1") runs it under that OpenBLAS kernel and thread count:
# .ci/run uses it for one setting of the portability matrix (one run, not two).
MIN_SETTING ?=
test-min: $(MIN_STAMP)
	$(MIN_VENV)/bin/python -m pip list --format=freeze | grep -iE '^(numpy|matplotlib|scipy|scikit-learn|ipywidgets|jupyterlab|pillow|threadpoolctl|pytest|nbval)=='
	@set -e; setting="$(MIN_SETTING)"; \
	if [ -n "$$setting" ]; then \
		kernel=$${setting%/*}; threads=$${setting#*/}; \
		echo "== minimum versions, OPENBLAS_CORETYPE=$$kernel, $$threads BLAS thread(s)"; \
		export OPENBLAS_CORETYPE=$$kernel OPENBLAS_NUM_THREADS=$$threads OMP_NUM_THREADS=$$threads; \
	fi; \
	$(MIN_VENV)/bin/python -m pytest $(CORE_TESTS) -p no:randomly -q

# Both editions: student/ from notebooks/, student/zh_CN/ from notebooks/zh_CN/.
student: venv
	$(BIN)/python -m course_utils.tools.student_edition
	$(BIN)/python -m course_utils.tools.student_edition --out student/zh_CN notebooks/zh_CN

# Catalogues of the Chinese edition: re-extract course_utils' messages and the notebooks'
# markdown, merge (new: untranslated, changed: fuzzy), compile the .mo, report, then
# rebuild (and re-execute) every Chinese notebook that has translations; fails, naming
# the cells, while a started notebook has an untranslated or fuzzy cell.
translations: venv
	$(BIN)/python -m course_utils.tools.translate update
	$(BIN)/python -m course_utils.tools.translate build

bench: venv
	@set -e; found=0; \
	for script in benchmarks/bench_*.py; do \
		[ -e "$$script" ] || continue; found=1; \
		echo "== $$script"; $(BIN)/python "$$script"; \
	done; \
	[ $$found = 1 ] || echo "no scripts in benchmarks/"

# Generated files only; keeps .venv (use `make distclean` to remove it too).
clean:
	rm -rf build/ dist/ *.egg-info/ test-artifacts/ student/ .pytest_cache/ .ruff_cache/
	find . -path ./$(VENV) -prune -o -path ./$(MIN_VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV) $(MIN_VENV)
