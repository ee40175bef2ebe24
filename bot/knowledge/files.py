"""Reading knowledge/*.yml with errors that name the file and the entry.

Shared by every reader of knowledge/: the loader (`base.py`), the typed
eligibility rules (`eligibility_rules.py`), the gaps, the follow-ups and the
interview bank (`bot/interview/bank.py`): a broken file stops `make run` with
a message a maintainer can act on, never a KeyError from deep inside an answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml


class KnowledgeError(ValueError):
    """A knowledge file is missing, malformed or inconsistent."""


def read_file(path: Path) -> Any:
    """The YAML in `path`, parsed (any shape); the file must exist and be YAML."""
    if not path.exists():
        raise KnowledgeError(f"{path.name}: file is missing from {path.parent}")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML ({exc})") from None


def read_yaml(path: Path, top_key: str) -> Any:
    """What the file holds under its one top-level key."""
    data = read_file(path)
    if not isinstance(data, dict) or top_key not in data:
        raise KnowledgeError(f"{path.name}: expected a top-level '{top_key}:' key")
    return data[top_key]


def entries(path: Path, top_key: str) -> list[dict[str, Any]]:
    items = read_yaml(path, top_key)
    if not isinstance(items, list):
        raise KnowledgeError(f"{path.name}: '{top_key}' must be a list")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise KnowledgeError(f"{path.name}: entry #{index + 1} is not a mapping")
    return items


def field(path: Path, entry: dict[str, Any], name: str, kind: type, label: str | None = None) -> Any:
    """entry[name], checked to be a non-empty `kind`; `label` names the entry in errors."""
    label = label or repr(entry.get("id", "<no id>"))
    if name not in entry:
        raise KnowledgeError(f"{path.name}: entry {label} has no '{name}'")
    value = entry[name]
    if kind is int and isinstance(value, bool):  # bool is an int subclass
        value = None
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise KnowledgeError(f"{path.name}: entry {label} field '{name}' must be a non-empty {kind.__name__}")
    return value.strip() if isinstance(value, str) else value


def unique(path: Path, ids: Iterable[Any]) -> None:
    seen = set()
    for item_id in ids:
        if item_id in seen:
            raise KnowledgeError(f"{path.name}: id {item_id!r} is used twice")
        seen.add(item_id)


Loaded = TypeVar("Loaded")


def check_command(load: Callable[[], Loaded], summary: Callable[[Loaded], str]) -> int:
    """A `python -m` check of knowledge files, for `make` and CI: one line saying
    what was loaded, or what is broken on stderr and exit status 1."""
    try:
        loaded = load()
    except KnowledgeError as exc:
        print(f"knowledge/ is broken: {exc}", file=sys.stderr)
        return 1
    print(summary(loaded))
    return 0
