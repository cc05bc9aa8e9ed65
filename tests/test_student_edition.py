"""The student edition: solutions replaced by stubs, and the result still runs.

Unit tests use small synthetic notebooks. The tests on the real notebooks build
the student edition of every ``notebooks/*.ipynb`` into a temporary directory,
check that no solution code is left, then execute each student notebook from
top to bottom (nbclient, this interpreter's ``python3`` kernel, every cell run
even after an error) and check that no cell shows an error and that every
exercise checker cell prints "not implemented yet".
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_utils.tools.student_edition import (
    BEGIN,
    END,
    GENERIC_HINT,
    checker_cells,
    main,
    make_student_notebook,
    strip_solutions,
    write_student_edition,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
TODO = re.compile(r"^\[TODO\] .*: not implemented yet\.", re.M)


# --------------------------------------------------------------------------
# synthetic notebooks
# --------------------------------------------------------------------------

SOLVED = '''def l2_penalty(W, lambd, m):
    """The L2 term."""
    ### BEGIN SOLUTION
    ### HINT: sum the squares of every entry of W
    total = (W ** 2).sum()
    return lambd / (2 * m) * total
    ### END SOLUTION
'''


def _notebook(*sources, outputs=True):
    cells = [new_markdown_cell("# Title\n\n### BEGIN SOLUTION is only text here")]
    for i, src in enumerate(sources, 1):
        cell = new_code_cell(src, execution_count=i)
        if outputs:
            cell.outputs = [new_output("stream", name="stdout", text=f"output {i}\n")]
        cells.append(cell)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def test_region_becomes_a_stub_with_the_hint_and_the_indentation():
    new, n = strip_solutions(SOLVED)
    assert n == 1
    assert new == ('def l2_penalty(W, lambd, m):\n    """The L2 term."""\n'
                   '    raise NotImplementedError('
                   '"Exercise: sum the squares of every entry of W")\n')


def test_stub_is_valid_python_and_raises_with_the_hint():
    namespace = {}
    exec(strip_solutions(SOLVED)[0], namespace)  # noqa: S102 - our own generated code
    with pytest.raises(NotImplementedError, match="Exercise: sum the squares"):
        namespace["l2_penalty"](None, 0.1, 10)


def test_generic_hint_deeper_indentation_tabs_and_several_regions():
    src = ("class A:\n    def f(self):\n        ### BEGIN SOLUTION\n        return 1\n"
           "        ### END SOLUTION\n\n\ndef g():\n\t### BEGIN SOLUTION  \n\treturn 2\n"
           "\t### END SOLUTION\nprint('kept')")
    new, n = strip_solutions(src)
    assert n == 2
    stub = f'raise NotImplementedError("Exercise: {GENERIC_HINT}")'
    assert new == (f"class A:\n    def f(self):\n        {stub}\n\n\ndef g():\n\t{stub}\n"
                   "print('kept')")


def test_hint_with_quotes_and_backslashes_stays_a_valid_string():
    src = f'def f():\n  {BEGIN}\n  ### HINT: use "np.sum" \\ not a loop\n  return 0\n  {END}\n'
    namespace = {}
    exec(strip_solutions(src)[0], namespace)  # noqa: S102
    with pytest.raises(NotImplementedError) as info:
        namespace["f"]()
    assert str(info.value) == 'Exercise: use "np.sum" \\ not a loop'


def test_source_without_markers_is_returned_unchanged():
    src = "x = 1  # ### BEGIN SOLUTION is not alone on its line\nprint(x)\n"
    assert strip_solutions(src) == (src, 0)


@pytest.mark.parametrize("src, match", [
    (f"def f():\n    {BEGIN}\n    return 1\n", r"nb\.ipynb, cell 1: .*line 2 has no matching"),
    (f"def f():\n    return 1\n    {END}\n", r"nb\.ipynb, cell 1: .*line 3 without a"),
    (f"{BEGIN}\n{BEGIN}\n{END}\n", r"nb\.ipynb, cell 1: .*line 2 inside the region opened on "
                                  r"line 1"),
])
def test_unbalanced_markers_are_rejected_naming_notebook_and_cell(src, match):
    with pytest.raises(ValueError, match=match):
        make_student_notebook(_notebook(src), "nb.ipynb")


def test_notebook_cells_with_regions_are_cleared_and_others_kept_byte_identical():
    nb = _notebook("import numpy as np", SOLVED, "print(check(l2_penalty))")
    before = json.dumps(nb, sort_keys=True)
    student, n = make_student_notebook(nb, "nb.ipynb")
    assert n == 1
    assert json.dumps(nb, sort_keys=True) == before, "the input notebook was modified"
    assert student.metadata == nb.metadata
    for i in (0, 1, 3):  # markdown, imports, checker: untouched
        assert json.dumps(student.cells[i], sort_keys=True) == json.dumps(nb.cells[i],
                                                                           sort_keys=True)
    cell = student.cells[2]
    assert cell.outputs == [] and cell.execution_count is None
    assert BEGIN not in cell.source and "total" not in cell.source
    assert cell.id == nb.cells[2].id


def test_checker_outputs_are_cleared_in_the_student_edition():
    nb = _notebook("from course_utils.exercises.l2 import check_l2_cost", SOLVED,
                   "print(check_l2_cost(l2_penalty))")
    nb.cells[3].outputs = [new_output("stream", name="stdout", text="[PASSED] l2: correct\n")]
    nb.cells[3].execution_count = 3
    assert checker_cells(nb) == [3]
    student, _ = make_student_notebook(nb, "nb.ipynb")
    assert student.cells[3].outputs == [] and student.cells[3].execution_count is None
    assert student.cells[3].source == nb.cells[3].source


def test_write_student_edition_files_and_cli(tmp_path, capsys):
    src = tmp_path / "nbs"
    src.mkdir()
    nb = _notebook(SOLVED, "print(1)")
    nbformat.write(nb, src / "03_x.ipynb")
    original = (src / "03_x.ipynb").read_bytes()
    assert main(["--out", str(tmp_path / "out"), str(src)]) == 0
    assert "03_x.ipynb: 1 exercise stubbed" in capsys.readouterr().out
    assert (src / "03_x.ipynb").read_bytes() == original
    student = nbformat.read(tmp_path / "out" / "03_x.ipynb", as_version=4)
    assert "NotImplementedError" in student.cells[1].source
    assert student.cells[2] == nb.cells[2]
    nbformat.validate(student)


def test_missing_notebook_and_bad_markers_leave_no_output(tmp_path, capsys):
    with pytest.raises(FileNotFoundError, match="notebook not found: .*nope.ipynb"):
        write_student_edition([tmp_path / "nope.ipynb"], tmp_path / "out")
    assert main(["--out", str(tmp_path / "out"), str(tmp_path / "nope.ipynb")]) == 2
    assert "error: notebook not found" in capsys.readouterr().err
    nbformat.write(_notebook(f"{BEGIN}\nx = 1\n"), tmp_path / "bad.ipynb")
    with pytest.raises(ValueError, match=r"bad\.ipynb, cell 1: .*no matching"):
        write_student_edition([tmp_path / "bad.ipynb"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------
# the real notebooks
# --------------------------------------------------------------------------

def _solution_lines(nb) -> tuple[set[str], set[str]]:
    """(lines inside solution regions, lines of code outside them), stripped, non-trivial."""
    inside, outside = set(), set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        in_region = False
        for line in cell.source.splitlines():
            s = line.strip()
            if s in (BEGIN, END):
                in_region = s == BEGIN
            elif s and not s.startswith("#"):
                (inside if in_region else outside).add(s)
    return inside, outside


def _text(cell) -> str:
    return "".join(o.get("text", "") if o.output_type == "stream"
                   else "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOK_DIR}"
    out = tmp_path_factory.mktemp("student")
    write_student_edition(NOTEBOOKS, out)
    return out


def test_every_course_notebook_has_exercises():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOK_DIR}"
    without = [p.name for p in NOTEBOOKS if not p.name.startswith("00_")
               and make_student_notebook(nbformat.read(p, as_version=4), p.name)[1] == 0]
    assert not without, f"notebooks without any '{BEGIN}' exercise: {without}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebook_has_no_solution_code(path, student_dir):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert BEGIN not in code and END not in code
    inside, outside = _solution_lines(original)
    leaked = sorted(line for line in inside - outside if line in
                    {s.strip() for s in code.splitlines()})
    assert not leaked, f"{path.name}: solution lines left in the student edition: {leaked}"
    assert len(student.cells) == len(original.cells)


@pytest.fixture(scope="module")
def executed_dir(student_dir):
    """Every student notebook executed, in one nbconvert process (its start-up, about 2 s,
    is paid once, not once per notebook)."""
    # Every cell runs, even after an error (allow_errors), so all errors are reported. The
    # notebooks run in their own process (nbconvert), not in pytest's: an in-process nbclient
    # left an asyncio loop behind that broke the browser test run later on the same worker.
    out = student_dir / "executed"
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--allow-errors", "--ExecutePreprocessor.timeout=300",
         "--ExecutePreprocessor.kernel_name=python3", f"--output-dir={out}",
         *(str(student_dir / p.name) for p in NOTEBOOKS)],
        cwd=student_dir, capture_output=True, text=True)
    return out, proc


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebook_runs_and_checkers_say_not_implemented(path, executed_dir):
    original = nbformat.read(path, as_version=4)
    out_dir, proc = executed_dir
    executed = out_dir / path.name
    assert executed.is_file(), (f"{path.name}: nbconvert did not write the executed student "
                                f"notebook (exit status {proc.returncode}):\n{proc.stderr[-2000:]}")
    student = nbformat.read(executed, as_version=4)
    errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, c in enumerate(student.cells)
              if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name} (student edition) shows errors:\n" + "\n".join(errors)
    checkers = checker_cells(original)
    n_exercises = make_student_notebook(original, path.name)[1]
    if n_exercises:
        assert checkers, (f"{path.name}: no checker cell (a call of a function imported from "
                          "course_utils.exercises)")
    for i in checkers:
        out = _text(student.cells[i])
        assert TODO.search(out) and "[PASSED]" not in out, (
            f"{path.name}, cell {i}: the checker should print '[TODO] ...: not implemented "
            f"yet.' in the student edition, printed {out!r}")



def test_default_notebooks_dir_is_the_repository_notebooks_folder():
    from course_utils.tools.student_edition import DEFAULT_NOTEBOOKS_DIR

    assert DEFAULT_NOTEBOOKS_DIR == Path(__file__).resolve().parents[1] / "notebooks"
    assert (DEFAULT_NOTEBOOKS_DIR / "00_start_here.ipynb").is_file()
