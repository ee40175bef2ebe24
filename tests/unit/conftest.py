"""Fixtures shared by the unit tests."""

from pathlib import Path

import pytest

from tests.unit.knowledge_copy import copy_knowledge


@pytest.fixture
def copy_of_knowledge(tmp_path: Path) -> Path:
    """A copy of knowledge/ in a temporary folder, to break on purpose."""
    return copy_knowledge(tmp_path)
