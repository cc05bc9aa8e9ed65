"""Build the student edition of the notebooks: exercise solutions replaced by stubs.

In a code cell, every region from a line ``### BEGIN SOLUTION`` to a line
``### END SOLUTION`` (both included, at any indentation) becomes one line with
the indentation of the ``BEGIN`` line::

    raise NotImplementedError("Exercise: <hint>")

The hint is the text of a ``### HINT: ...`` comment line inside the region, or
a generic one. Outputs of the cells that had a region are cleared and their
execution counts reset; every other cell (markdown included) is left exactly
as it was. The exercise checkers of :mod:`course_utils.exercises` recognise
the stub and print ``[TODO] ...: not implemented yet.`` instead of a traceback.

Command line (``make student`` runs it with the defaults)::

    python -m course_utils.tools.student_edition [--out student/] [notebooks...]

Without notebook arguments it converts every ``notebooks/*.ipynb`` of the
repository this package lives in.
"""
from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import sys
from pathlib import Path

import nbformat

__all__ = ["BEGIN", "END", "HINT", "GENERIC_HINT", "DEFAULT_NOTEBOOKS_DIR",
           "strip_solutions", "checker_cells", "make_student_notebook", "write_student_edition",
           "main"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
HINT = "### HINT:"
GENERIC_HINT = "replace this line with your code, then run the checker."
DEFAULT_NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>### (?:BEGIN|END) SOLUTION)[ \t]*$")


def strip_solutions(source: str, where: str = "cell") -> tuple[str, int]:
    """Replace every solution region of one cell's source by a ``NotImplementedError`` stub.

    Parameters
    ----------
    source : str
        The cell's source code.
    where : str
        Names the cell in error messages, e.g. ``"03_l2_regularization.ipynb, cell 12"``.

    Returns
    -------
    new_source : str
        The source with each region replaced by
        ``<indent>raise NotImplementedError("Exercise: <hint>")``.
    n_regions : int
        How many regions were replaced (0: the source is returned unchanged).

    Raises
    ------
    ValueError
        If the markers are unbalanced: an ``END`` without a ``BEGIN``, a
        ``BEGIN`` inside a region, or a region left open at the end of the cell.
    """
    out: list[str] = []
    region_start = None  # (line number, indent) of the open BEGIN
    hint = None
    n_regions = 0
    for lineno, line in enumerate(source.splitlines(keepends=True), 1):
        match = _MARKER.match(line.rstrip("\r\n"))
        marker = match.group("marker") if match else None
        if marker == BEGIN:
            if region_start is not None:
                raise ValueError(f"{where}: '{BEGIN}' on line {lineno} inside the region opened "
                                 f"on line {region_start[0]}; close it with '{END}' first.")
            region_start, hint = (lineno, match.group("indent")), None
        elif marker == END:
            if region_start is None:
                raise ValueError(f"{where}: '{END}' on line {lineno} without a '{BEGIN}' "
                                 "before it.")
            message = json.dumps(f"Exercise: {hint or GENERIC_HINT}", ensure_ascii=False)
            newline = "\n" if line.endswith("\n") else ""
            out.append(f"{region_start[1]}raise NotImplementedError({message}){newline}")
            region_start, n_regions = None, n_regions + 1
        elif region_start is not None:
            stripped = line.strip()
            if hint is None and stripped.startswith(HINT):
                hint = stripped[len(HINT):].strip() or None
        else:
            out.append(line)
    if region_start is not None:
        raise ValueError(f"{where}: '{BEGIN}' on line {region_start[0]} has no matching "
                         f"'{END}'.")
    return ("".join(out) if n_regions else source), n_regions


def checker_cells(nb) -> list[int]:
    """Indices of the code cells that call an exercise checker.

    A checker is any name the notebook imports from ``course_utils.exercises``
    (or a submodule); found from the source, so it does not depend on stored outputs.
    """
    def tree(cell):
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        try:
            return ast.parse("\n".join(lines))
        except SyntaxError:
            return ast.Module(body=[], type_ignores=[])

    code = [(i, tree(c)) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    names = {alias.asname or alias.name for _, t in code for node in ast.walk(t)
             if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                 "course_utils.exercises") for alias in node.names}
    return [i for i, t in code if any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                                      and node.func.id in names for node in ast.walk(t))]


def make_student_notebook(nb, name: str = "<notebook>"):
    """Return ``(student_nb, n_regions)``: a copy of ``nb`` with every solution stubbed.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook (format 4), as read by :func:`nbformat.read`; it is not modified.
    name : str
        The notebook's name, used in error messages.

    Returns
    -------
    student_nb : nbformat.NotebookNode
        Code cells with regions get the stubbed source, no outputs and
        ``execution_count = None``; cells that call an exercise checker lose their
        stored outputs too (the teacher's "[PASSED]" would mislead); all other
        cells are copied unchanged.
    n_regions : int
        Number of regions replaced in the whole notebook.
    """
    student = copy.deepcopy(nb)
    total = 0
    for index, cell in enumerate(student.cells):
        if cell.get("cell_type") != "code":
            continue
        source, n = strip_solutions(cell.source, where=f"{name}, cell {index}")
        if n:
            cell.source, cell.outputs, cell.execution_count = source, [], None
            total += n
    if total:
        for index in checker_cells(student):
            student.cells[index].outputs, student.cells[index].execution_count = [], None
    return student, total


def write_student_edition(notebooks, out_dir) -> list[tuple[Path, int]]:
    """Write the student edition of each notebook into ``out_dir`` (same file names).

    Parameters
    ----------
    notebooks : iterable of str or Path
        ``.ipynb`` files to convert.
    out_dir : str or Path
        Destination directory (created if needed). Every notebook is checked
        before anything is written, so bad input leaves ``out_dir`` untouched.

    Returns
    -------
    list of (Path, int)
        The written files and the number of exercises stubbed in each.

    Raises
    ------
    FileNotFoundError
        If a notebook does not exist.
    ValueError
        If a notebook is not a ``.ipynb`` file, two have the same file name, or
        its markers are unbalanced (the message names the notebook and the cell).
    """
    paths = [Path(p) for p in notebooks]
    if not paths:
        raise ValueError("no notebooks given; pass .ipynb files or a directory that has some.")
    converted = []
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"notebook not found: {path}")
        if path.suffix != ".ipynb":
            raise ValueError(f"{path}: not a notebook (expected a .ipynb file).")
        converted.append(make_student_notebook(nbformat.read(path, as_version=4), path.name))
    names = [p.name for p in paths]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"several notebooks would be written to the same file: {duplicates}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path, (student, n) in zip(paths, converted):
        target = out_dir / path.name
        nbformat.write(student, target)
        written.append((target, n))
    return written


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status (0 ok, 2 bad input)."""
    parser = argparse.ArgumentParser(
        prog="python -m course_utils.tools.student_edition",
        description="Write the student edition of the course notebooks "
                    f"(solutions between '{BEGIN}' and '{END}' replaced by stubs).")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks or directories of notebooks to convert "
                             f"(default: {DEFAULT_NOTEBOOKS_DIR})")
    parser.add_argument("--out", type=Path, default=Path("student"),
                        help="output directory (default: student/)")
    args = parser.parse_args(argv)
    notebooks = []
    for path in args.notebooks or [DEFAULT_NOTEBOOKS_DIR]:
        notebooks += sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    try:
        written = write_student_edition(notebooks, args.out)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path, n in written:
        print(f"{path}: {n} exercise{'s' if n != 1 else ''} stubbed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
