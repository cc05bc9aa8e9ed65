"""notebooks/00_start_here.ipynb links every course notebook, and every link resolves."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)\)")


def test_start_here_links_all_ten_notebooks_and_nothing_missing():
    nb = nbformat.read(NOTEBOOKS / "00_start_here.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    links = set(LINK.findall(text))
    missing = sorted(link for link in links if not (NOTEBOOKS / link).is_file())
    assert not missing, f"00_start_here links to notebooks that do not exist: {missing}"
    linked_numbers = {link[:2] for link in links}
    wanted = {f"{i:02d}" for i in range(1, 11)}
    assert linked_numbers >= wanted, (
        f"00_start_here does not link notebooks {sorted(wanted - linked_numbers)}")
    course = {p.name for p in NOTEBOOKS.glob("[01][0-9]_*.ipynb")} - {"00_start_here.ipynb"}
    assert course <= links, f"notebooks not linked from 00_start_here: {sorted(course - links)}"
