"""The domain as the tests read it raw: every file of domain/ (Rasa merges them), as one
dict: mappings merged, lists joined. domain.yml is written by hand;
domain/eligibility.yml is generated (bot/build/eligibility_domain.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIR = ROOT / "domain"
GENERATED = DOMAIN_DIR / "eligibility.yml"


def domain_yaml() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text()) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged
