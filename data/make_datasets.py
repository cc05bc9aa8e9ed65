"""Regenerate the datasets shipped in data/ and print their sha256.

Usage (from the repository root, with the course installed: ``pip install -e .``)::

    python data/make_datasets.py           # rewrite data/diagonal_regions.npz
    python data/make_datasets.py --check   # only compare with the shipped file

The .npz is written byte for byte reproducibly (fixed zip timestamps, no
compression), so a regenerated file has the same sha256 as the shipped one on any
machine with the same NumPy random generator (PCG64) and float64 arithmetic.
After a deliberate change to the generator, paste the printed sha256 into
``course_utils.data.DIAGONAL_REGIONS_SHA256`` and ``data/README.md``.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import pathlib
import sys
import zipfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
try:
    from course_utils.data import DIAGONAL_REGIONS_FILE, make_diagonal_regions
except ImportError:  # not installed: use the repository's copy next to data/
    sys.path.insert(0, str(HERE.parent))
    from course_utils.data import DIAGONAL_REGIONS_FILE, make_diagonal_regions

__all__ = ["DIAGONAL_SEED", "diagonal_regions_arrays", "write_npz", "main"]

DIAGONAL_SEED = 8
"""Seed of the shipped diagonal-regions set: the most typical of seeds 0-9 (see README.md)."""


def diagonal_regions_arrays() -> dict[str, np.ndarray]:
    """600 examples from :func:`make_diagonal_regions` (defaults, ``seed=DIAGONAL_SEED``),
    cut into 200 train, 200 dev and 200 test columns (the columns come shuffled)."""
    X, Y = make_diagonal_regions(n_samples=600, seed=DIAGONAL_SEED)
    parts = {}
    for k, name in enumerate(("train", "dev", "test")):
        cols = slice(200 * k, 200 * (k + 1))
        parts[f"X_{name}"] = np.ascontiguousarray(X[:, cols])
        parts[f"Y_{name}"] = np.ascontiguousarray(Y[:, cols])
    return parts


def write_npz(path: pathlib.Path, arrays: dict[str, np.ndarray]) -> str:
    """Write ``arrays`` as an uncompressed .npz with fixed timestamps; return its sha256."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for key, arr in arrays.items():
            npy = io.BytesIO()
            np.lib.format.write_array(npy, np.asarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, npy.getvalue())
    raw = buf.getvalue()
    path.write_bytes(raw)
    return hashlib.sha256(raw).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and compare with the shipped file")
    args = parser.parse_args(argv)
    target = HERE / DIAGONAL_REGIONS_FILE
    arrays = diagonal_regions_arrays()
    if args.check:
        tmp = HERE / (DIAGONAL_REGIONS_FILE + ".tmp")
        try:
            digest = write_npz(tmp, arrays)
            same = target.is_file() and tmp.read_bytes() == target.read_bytes()
        finally:
            tmp.unlink(missing_ok=True)
        print(f"{DIAGONAL_REGIONS_FILE}: regenerated sha256 {digest}; "
              f"{'identical to' if same else 'DIFFERS from'} the shipped file")
        return 0 if same else 1
    digest = write_npz(target, arrays)
    shapes = ", ".join(f"{k} {v.shape}" for k, v in arrays.items())
    print(f"wrote {target.relative_to(HERE.parent)}: {shapes}")
    print(f"sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
