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
from bot.eligibility.parsing.text import (
    NOTHING,
    Match,
    Parsed,
    Reading,
    clause_before,
    fail,
    is_hedged,
    is_negated,
    is_unsure,
    never_raises,
    normalise,
    read_corrected,
    unclear,
)

_RESIDENCE_CUE = re.compile(
    r"\b(?:live|living|lives|based|reside|residing|located|staying|settled|now|work|working)"
    r"\s+(?:in|at)\s*$"
    r"|\b(?:i'm|im|i am)\s+in\s*$|\bmoved to\s*$"
)
# Where they come from: the weakest sign of all.
_ORIGIN_CUE = re.compile(r"\bfrom\s*$|\bgrew up in\s*$|\bborn in\s*$|\boriginally\s+(?:from\s+)?$")
# Where the visitor wants to work, which is what the check asks: "moving to
# Manchester", "I'd like to work in Wales", "hoping to be based in Leeds".
_WORK_CUE = re.compile(
    r"\b(?:moving|move|moved|relocating|relocate|relocation|going|heading|coming|transfer\w*)"
    r"\s+(?:back\s+)?(?:home\s+)?(?:down\s+|up\s+|over\s+)?to\s*$"
    # what they really intend: "England for now, but ... so really Northern Ireland"
    r"|\b(?:really|ideally|long[- ]term|eventually|ultimately|in the end|in the long run)\s*,?\s*(?:(?:to|in)\s+)?$"
    r"|\b(?:work|working|job|career|post|be based|train|training|practise|practice|stay|staying|"
    r"remain)\s+(?:in|at)\s*$"
    r"|\b(?:want|wanting|like|love|hope|hoping|plan|planning|intend|intending|looking|aim|aiming)"
    r"\s+to\s+(?:\w+\s+){0,3}?(?:in|to)\s*$"
)


def _nation_matches(clean: str) -> list[Match]:
    return [m for m in tables().nations.find(clean) if not is_negated(clean, m.start)]


def _cued(clean: str, matches: Sequence[Match], cue: re.Pattern) -> list[Match]:
    return [m for m in matches if cue.search(clean[max(0, m.start - 40) : m.start])]


@never_raises
def parse_nation(text: Any) -> Parsed:
    """Which nation the visitor wants to work in, when the answer says so clearly.

    Asked "where do you want to work?", a place alone is the answer. With
    several places, where they want to work or are moving to wins ("I live in
    Glasgow but I'm moving to Manchester" is England), then a place named as
    the answer, then where they live, then where they come from.
    """
    reading = read_nation(text)
    nation = reading.updates.get("nation")
    if nation is None:
        return fail("no place recognised" if not reading.used else "more than one place")
    return Parsed(nation, name=tables().nation_names.get(nation) or str(nation), id=str(nation))


def volunteered_nation(text: str) -> str | None:
    """Where the visitor says they want to work or are moving to, in any message.

    Where they live or come from is not taken: the check asks where they want
    to work, and someone in Glasgow may be moving to Manchester.
    """
    nations = {m.key for m in _cued(text, _nation_matches(text), _WORK_CUE)}
    return nations.pop() if len(nations) == 1 else None


# --- the answer as a reading --------------------------------------------------------------

_NO_NATION = re.compile(
    r"\b(?:uk|u\.k\.|united kingdom|britain|great britain|anywhere|wherever|don't mind|dont mind|"
    r"do not mind|either|any of them|no preference|undecided|haven't decided)\b"
)
_THERE = re.compile(r"\b(?:work|stay|be based|train)\s+(?:there|here)\b")


def _route(nation: str) -> str:
    return tables().nation_routes.get(nation, "")


def _nation_reading(nation: str, rests_on: str) -> Reading:
    if _route(nation) == "outside":  # no page says anything about working outside the UK
        return Reading({"nation": nation}, "unsure", rests_on=rests_on, unsure="unsure_outside_uk")
    return Reading({"nation": nation}, rests_on=rests_on)


def _read_nation(clean: str) -> Reading:
    if re.search(r"\b(?:anywhere|everywhere|any)\w*\s+(?:but|except|apart from|other than|bar)\b", clean):
        return unclear({}, "nation", clean, unsure="unsure_nation")  # "anywhere but Wales"
    matches = _nation_matches(clean)
    if not matches:
        if _NO_NATION.search(clean) or is_unsure(clean) or is_hedged(clean):
            return unclear({}, "nation", clean, unsure="unsure_nation")
        return NOTHING
    work = _cued(clean, matches, _WORK_CUE)
    residence = [m for m in _cued(clean, matches, _RESIDENCE_CUE) if m not in work]
    origin = [m for m in _cued(clean, matches, _ORIGIN_CUE) if m not in work and m not in residence]
    plain = [m for m in matches if m not in work and m not in residence and m not in origin]
    residence = residence or origin
    if work:
        chosen = work
    elif plain:
        chosen = plain  # named as the answer: "Scotland, but I live in Carlisle"
    elif _route(residence[0].key) == "outside" and not _THERE.search(clean):
        # "I live in Spain" says where they live, not where they want to work
        return unclear({}, "nation", clean, unsure="unsure_nation")
    else:
        chosen = residence  # "I live in Cumbria and want to work there"
    routes = {_route(m.key) for m in chosen}
    first = min(chosen, key=lambda m: m.start)
    if len(routes) > 1:  # "Scotland or England": two routes
        return unclear({}, "nation", clean, unsure="unsure_nation")
    if is_hedged(clause_before(clean, first.start) + " ") or re.search(
        r"\b(?:probably|maybe|i think)\b", clause_before(clean, first.start)
    ):
        return unclear({"nation": first.key}, "nation", clean, unsure="unsure_nation")
    return _nation_reading(first.key, clean[first.start : first.end])


def read_nation(text: Any) -> Reading:
    """The answer to "where do you want to work?"."""
    clean = normalise(text)
    if not clean:
        return NOTHING
    return read_corrected(clean, _read_nation, lambda r: r.used)
