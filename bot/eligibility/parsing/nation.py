"""Where the visitor wants to work, from nation names, demonyms and places.

The check asks where they want to *work*: someone in Glasgow moving to
Manchester is on the PQiP path, so where they live or come from counts only
when nothing says where they want to work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import Match, Parsed, fail, is_negated, never_raises, normalise

_RESIDENCE_CUE = re.compile(
    r"\b(?:live|living|lives|based|reside|residing|located|staying|settled|now|work|working)"
    r"\s+(?:in|at)\s*$"
    r"|\b(?:i'm|im|i am)\s+in\s*$|\bmoved to\s*$"
)
# Where the visitor wants to work, which is what the check asks: "moving to
# Manchester", "I'd like to work in Wales", "hoping to be based in Leeds".
_WORK_CUE = re.compile(
    r"\b(?:moving|move|moved|relocating|relocate|relocation|going|heading|coming|transfer\w*)"
    r"\s+(?:back\s+)?(?:down\s+|up\s+|over\s+)?to\s*$"
    r"|\b(?:work|working|job|career|post|be based|train|training|practise|practice)\s+(?:in|at)\s*$"
    r"|\b(?:want|wanting|like|love|hope|hoping|plan|planning|intend|intending|looking|aim|aiming)"
    r"\s+to\s+(?:\w+\s+){0,3}?(?:in|to)\s*$"
)


def _nation_matches(clean: str) -> list[Match]:
    return [m for m in tables().nations.find(clean) if not is_negated(clean, m.start)]


def _cued(clean: str, matches: Sequence[Match], cue: re.Pattern) -> list[Match]:
    return [m for m in matches if cue.search(clean[max(0, m.start - 40) : m.start])]


@never_raises
def parse_nation(text: Any) -> Parsed:
    """Which nation the visitor wants to work in, from names, demonyms and cities.

    Asked "where do you want to work?", a place alone is the answer. With
    several places, where they want to work or are moving to wins ("I live in
    Glasgow but I'm moving to Manchester" is England), then where they live
    ("from Poland, living in Leeds").
    """
    clean = normalise(text)
    if not clean:
        return fail("empty answer")
    matches = _nation_matches(clean)
    if not matches:
        return fail("no place recognised")
    nations = {m.key for m in matches}
    if len(nations) > 1:
        for cue in (_WORK_CUE, _RESIDENCE_CUE):
            cued = {m.key for m in _cued(clean, matches, cue)}
            if cued:
                break
        if len(cued) != 1:
            return fail("more than one place")
        nations = cued
    nation = nations.pop()
    return Parsed(nation, name=tables().nation_names.get(nation, nation), id=nation)


def volunteered_nation(text: str) -> str | None:
    """Where the visitor says they want to work or are moving to, in any message.

    Where they live or come from is not taken: the check asks where they want
    to work, and someone in Glasgow may be moving to Manchester.
    """
    nations = {m.key for m in _cued(text, _nation_matches(text), _WORK_CUE)}
    return nations.pop() if len(nations) == 1 else None
