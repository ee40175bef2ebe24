"""Models fitted on knowledge files, kept on disk between starts of the action server.

The interview verdict's models and the safety classifier take seconds to fit
(about 9 s together on a busy machine), and a killed action server must be
answering again within 10 s. Fitting is deterministic, so the result depends
only on its inputs: the files it reads, the code that reads them and the
scikit-learn and spaCy versions. Each fit is stored in `.build/fitted/` under a digest
of those inputs; a start with the same inputs loads it (well under a second),
any change fits again. `make` fits both before the servers start
(`python -m bot.fitted`), so even the first start loads.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(os.environ.get("FITTED_CACHE_DIR") or ROOT / ".build" / "fitted")
T = TypeVar("T")


def digest_of(inputs: Iterable[Path]) -> str:
    import sklearn
    import spacy

    digest = hashlib.sha256(f"{sklearn.__version__} {spacy.__version__}".encode())
    for path in sorted(set(inputs)):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    return digest.hexdigest()[:20]


def fitted(name: str, inputs: Iterable[Path], fit: Callable[[], T]) -> T:
    """`fit()`'s result, from the cache when its inputs are unchanged."""
    path = CACHE_DIR / f"{name}-{digest_of(inputs)}.pickle"
    try:
        with path.open("rb") as stored:
            return pickle.load(stored)  # written by this project only, below
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or stale file: fit again, never fail a start
        logger.warning("fitted model %s unreadable; fitting it again", path.name, exc_info=True)
    value = fit()
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=CACHE_DIR, delete=False, suffix=".tmp") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)  # atomic: a parallel start never reads half a file
        for old in CACHE_DIR.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("could not keep fitted model %s; it is fitted at each start", name, exc_info=True)
    return value


def source_files(package: str) -> list[Path]:
    """A package's Python files: changing the code that fits invalidates the fit."""
    return sorted((ROOT / "bot" / package).glob("*.py"))


def fitted_module_file(name: str) -> Path:
    """One module of bot/ that a fit also depends on."""
    return ROOT / "bot" / name


def main() -> int:
    """Fit (or load) every cached model now, so that no server start pays for it."""
    from bot.interview.bank import load_bank
    from bot.interview.feedback import scorer_for
    from bot.safety.classifier import trained_classifier

    scorer_for(load_bank())
    trained_classifier()
    return 0


if __name__ == "__main__":
    # As in the action server (scripts/lib/action_server.py): spaCy's thinc would import
    # TensorFlow, ~5 s this fit never needs.
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
    raise SystemExit(main())
