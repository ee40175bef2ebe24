"""What the bot says to a message not in English (knowledge/languages.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.base import KNOWLEDGE_DIR, Knowledge
from bot.knowledge.files import KnowledgeError, read_file

LANGUAGES_FILE = "languages.yml"
HELPLINE_FACT = "helpline_number"
_PHONE = re.compile(r"\b0\d{3} ?\d{3} ?\d{4}\b")


@dataclass(frozen=True)
class LanguageReplies:
    welsh: str
    english: str
    fact_id: str  # the fact the phone number comes from, for the source line


_loaded: dict[int, LanguageReplies] = {}


def load_language_replies(kb: Knowledge, directory: Path = KNOWLEDGE_DIR) -> LanguageReplies:
    if id(kb) not in _loaded:
        path = directory / LANGUAGES_FILE
        data = read_file(path)
        if not isinstance(data, dict):
            raise KnowledgeError(f"{path.name}: expected 'welsh:' and 'english:'")
        phone = _PHONE.search(kb.fact(HELPLINE_FACT).text)
        if phone is None:
            raise KnowledgeError(f"{path.name}: no phone number in fact {HELPLINE_FACT!r}")
        texts = []
        for key in ("welsh", "english"):
            text = data.get(key)
            if not isinstance(text, str) or "{phone}" not in text:
                raise KnowledgeError(f"{path.name}: '{key}' must be a text holding {{phone}}")
            texts.append(" ".join(text.split()).replace("{phone}", phone.group(0)))
        _loaded[id(kb)] = LanguageReplies(texts[0], texts[1], HELPLINE_FACT)
    return _loaded[id(kb)]
