"""Run notebooks under several BLAS kernels and thread counts and compare their text outputs.

Matrix products round differently under different OpenBLAS kernels
(``OPENBLAS_CORETYPE``) and thread counts, and long training runs amplify the
difference. This tool shows, cell by cell, which stored text outputs a
learner's machine would not reproduce::

    python -m course_utils.tools.portability notebooks/03_l2_regularization.ipynb
    python -m course_utils.tools.portability --kernels Haswell,Sandybridge --threads 1,2 \\
        notebooks/0[1-5]*.ipynb

Each notebook is executed once per (kernel, threads) setting in a fresh kernel
(the same sanitizing as nbval is applied), and every code cell whose text output
differs from the stored one under some setting is printed with the differing
lines. It exits with status 1 when any cell differs. ``--list-kernels`` prints
the kernels that run on this CPU (a kernel the CPU cannot run, e.g. SkylakeX
without AVX-512, kills the process with an illegal instruction; those are left
out). The test suite's portability matrix (``make portability``) runs nbval the
same way; this tool is for finding *why* a cell differs.
"""
from __future__ import annotations

import argparse
import configparser
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["PREFERRED_KERNELS", "runnable_kernels", "native_kernel", "matrix", "text_outputs",
           "main"]

PREFERRED_KERNELS = ("Haswell", "SkylakeX", "Sandybridge", "Nehalem", "Prescott")
"""Kernels tried, in order: the three the course names, then two older ones."""

_PROBE = ("import numpy as np, threadpoolctl; a = np.arange(64.0).reshape(8, 8); a @ a; "
          "print(threadpoolctl.threadpool_info()[0].get('architecture', '?'))")


def runnable_kernels(candidates=PREFERRED_KERNELS) -> dict:
    """``{requested: architecture OpenBLAS reports}`` for the kernels this CPU can run.

    Kernels that map to the same architecture as an earlier one are left out.
    """
    found, seen = {}, set()
    for name in candidates:
        env = dict(os.environ, OPENBLAS_CORETYPE=name, OPENBLAS_NUM_THREADS="1")
        proc = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                              text=True, timeout=60)
        arch = proc.stdout.strip()
        if proc.returncode == 0 and arch and arch not in seen:
            found[name] = arch
            seen.add(arch)
    return found


def native_kernel() -> str:
    """The architecture OpenBLAS picks on this CPU when no kernel is forced."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    env["OPENBLAS_NUM_THREADS"] = "1"
    proc = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                          text=True, timeout=60)
    return proc.stdout.strip()


def matrix(n_others: int = 2) -> list[tuple[str, int]]:
    """The (kernel, threads) settings of the portability check, besides the main test run.

    The main run (``make test``) uses the CPU's own kernel with 1 BLAS thread; the
    matrix adds the first ``n_others`` *other* kernels this CPU runs, with 2, 1, ...
    threads, so that three kernels and both thread counts are covered. A CPU that
    runs no other kernel gets its own with 2 threads.
    """
    own = native_kernel()
    others = [k for k, arch in runnable_kernels().items() if arch != own][:n_others]
    settings = [(k, 2 if i % 2 == 0 else 1) for i, k in enumerate(others)]
    return settings or [(next(iter(runnable_kernels()), "Haswell"), 2)]


def _sanitizers(cfg_path: Path):
    parser = configparser.ConfigParser()
    parser.read(cfg_path)
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


def compared_by_nbval(source: str) -> bool:
    """Whether nbval compares this code cell's outputs, by nbval's own rule for markers.

    nbval honours ``# NBVAL_IGNORE_OUTPUT`` (or ``NBVAL_SKIP``) only as a whole comment
    line: ``# NBVAL_IGNORE_OUTPUT: because ...`` is *not* a marker, and the cell is compared.
    """
    from nbval.plugin import find_comment_markers

    markers = dict(find_comment_markers(source))
    return markers.get("check", True) is not False and not markers.get("skip", False)


def text_outputs(nb: dict, sanitizers=()) -> dict:
    """``{cell index: sanitized text}`` of every code cell nbval would compare."""
    out = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if not compared_by_nbval("".join(cell["source"])):
            continue
        parts = []
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                parts.append("".join(o["text"]))
            elif o["output_type"] in ("execute_result", "display_data"):
                text = o.get("data", {}).get("text/plain")
                if text and "image/png" not in o.get("data", {}) and \
                        "application/vnd.jupyter.widget-view+json" not in o.get("data", {}):
                    parts.append("".join(text))
            elif o["output_type"] == "error":
                parts.append(f"ERROR {o.get('ename')}: {o.get('evalue')}")
        text = "".join(parts)
        for rx, rep in sanitizers:
            text = rx.sub(rep, text)
        out[i] = text
    return out


def _execute(path: Path, kernel: str, threads: int, workdir: Path) -> dict:
    env = dict(os.environ, OPENBLAS_CORETYPE=kernel, OPENBLAS_NUM_THREADS=str(threads),
               OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    env.pop("MPLBACKEND", None)
    target = workdir / f"{path.stem}.{kernel}.{threads}.ipynb"
    cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
           "--allow-errors", "--ExecutePreprocessor.timeout=600", "--output", str(target),
           str(path)]
    subprocess.run(cmd, env=env, cwd=path.parent, check=True, capture_output=True)
    return json.loads(target.read_text())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path)
    ap.add_argument("--kernels", help="comma-separated OPENBLAS_CORETYPE values (default: "
                    "the first three that run on this CPU)")
    ap.add_argument("--threads", default="1",
                    help="comma-separated BLAS thread counts tried with every kernel (default: 1)")
    ap.add_argument("--sanitize", type=Path, default=Path("tests/nbval_sanitize.cfg"))
    ap.add_argument("--list-kernels", action="store_true")
    ap.add_argument("--matrix", action="store_true",
                    help="print the settings of the portability check, KERNEL/THREADS each")
    args = ap.parse_args(argv)
    if args.list_kernels:
        for name, arch in runnable_kernels().items():
            print(f"{name}: OpenBLAS uses {arch}")
        return 0
    if args.matrix:
        print(" ".join(f"{k}/{t}" for k, t in matrix()))
        return 0
    if not args.notebooks:
        ap.error("give at least one notebook")
    kernels = args.kernels.split(",") if args.kernels else list(runnable_kernels())[:3]
    threads = [int(t) for t in args.threads.split(",")]
    sanitizers = _sanitizers(args.sanitize) if args.sanitize.is_file() else []
    differ = False
    with tempfile.TemporaryDirectory() as tmp:
        for path in args.notebooks:
            stored = text_outputs(json.loads(path.read_text()), sanitizers)
            runs = {}
            for k in kernels:
                for t in threads:
                    runs[(k, t)] = text_outputs(_execute(path.resolve(), k, t, Path(tmp)),
                                                sanitizers)
            bad = sorted(i for i in stored if any(r.get(i) != stored[i] for r in runs.values()))
            print(f"== {path}: {len(bad)} of {len(stored)} compared cells differ "
                  f"under {', '.join(f'{k}/{t}' for k, t in runs)}")
            for i in bad:
                differ = True
                print(f"-- cell {i}")
                for (k, t), r in runs.items():
                    if r.get(i) != stored[i]:
                        diff = difflib.unified_diff(stored[i].splitlines(),
                                                    (r.get(i) or "").splitlines(), "stored",
                                                    f"{k}/{t} threads", lineterm="", n=0)
                        print("\n".join(line for line in diff if not line.startswith("@@")))
    return 1 if differ else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
