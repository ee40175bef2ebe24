"""A copy of knowledge/ for a test to break, and an edit to one of its YAML files.

def test_x(copy_of_knowledge):          # the fixture, from tests/unit/conftest.py
    edit(copy_of_knowledge / "facts.yml", lambda d: d["facts"][0].update(source="nowhere"))
"""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import KNOWLEDGE_DIR


def copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(path: Path, change: Callable[[Any], Any]) -> None:
    """Load the file, let `change` alter the data in place, write it back."""
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
