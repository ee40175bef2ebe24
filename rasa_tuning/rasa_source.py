"""Is Rasa's code still the code an adjustment was written against?

Each module of rasa_tuning/ names the lines of Rasa's own functions its
adjustment relies on; when any is missing (another Rasa version) or the source
cannot be read, the module leaves Rasa alone rather than guess.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def source(code: Callable[..., Any]) -> str | None:
    """The source of one of Rasa's functions, or None when it cannot be read."""
    try:
        return inspect.getsource(code)
    except (OSError, TypeError):
        return None


def still_contains(expected: Mapping[Callable[..., Any], Iterable[str]]) -> bool:
    """Whether each function's source still holds every line expected of it."""
    for code, lines in expected.items():
        text = source(code)
        if text is None or not all(line in text for line in lines):
            return False
    return True
