"""How many of the four knowledge areas a qualification covered, and how many
knowledge modules the visitor has completed or started: both counts 0-4."""

from __future__ import annotations

import re
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    ORDINALS,
    Parsed,
    Updates,
    fail,
    is_negated,
    never_raises,
    normalise,
    phrase_pattern,
    words_to_digits,
)

_NONE_OF = re.compile(
    r"^(?:none|no|nope|nah|zero|nothing|not any|neither|not yet|n/a)\b"
    r"|\bnone\b|\bnot any\b|\bno modules?\b|\bneither\b"
    # "I haven't studied any of those", "my degree didn't cover them"
    r"|\b(?:haven'?t|have not|hasn'?t|didn'?t|did not|don'?t|do not|never)\b"
    r"[^.]*\b(?:any|those|them|these|it|modules?|areas?)\b"
)
_OUT_OF = re.compile(r"(?<![\w-])(\d)\s+(?:of|out of)\s+(?:the\s+|them\s+|those\s+|these\s+)?(\d)\b")
_MODULE_WORD = re.compile(r"\bmodules?\b")


@never_raises
def parse_knowledge_areas(text: Any) -> Parsed:
    """A count from 0 to 4: of the four areas, or of knowledge modules.

    "three of the four" is 3; "all four" is 4; naming areas counts them;
    "none" / "didn't cover them" is 0.
    """
    clean = words_to_digits(normalise(text))
    if not clean:
        return fail("empty answer")
    total = tables().area_count
    out_of = _OUT_OF.search(clean)
    if out_of and not is_negated(clean, out_of.start()) and int(out_of.group(2)) == total:
        return Parsed(int(out_of.group(1)))
    numbers = []
    for m in re.finditer(r"(?<![\w-])(\d{1,3})(?![\w])", clean):
        if not is_negated(clean, m.start()):
            numbers.append(int(m.group(1)))
    for word, value in ORDINALS.items():
        for m in re.finditer(phrase_pattern(word), clean):
            if not is_negated(clean, m.start()):
                numbers.append(value)
    named = {m.key for m in tables().areas.find(clean) if not is_negated(clean, m.start)}
    if named:
        numbers.append(len(named))
    if re.search(r"\ball\b|\bevery\b", clean) and not re.search(r"\bnot all\b", clean):
        numbers.append(total)
    elif re.search(r"\bboth\b", clean):
        numbers.append(2)
    if not numbers:
        if _NONE_OF.search(clean):
            return Parsed(0)
        return fail("no number of areas found")
    count = max(numbers)
    if count > total:
        return fail(f"{count} is more than {total}")
    return Parsed(count)


def _split_modules(clean: str) -> tuple[str, str]:
    """(the clauses about knowledge modules, the rest) of an answer."""
    clauses = [
        c for c in re.split(r"[,;.!?\n]| but | and | although | though | whereas | plus ", clean) if c.strip()
    ]
    about_modules = [c for c in clauses if _MODULE_WORD.search(c)]
    rest = [c for c in clauses if not _MODULE_WORD.search(c)]
    return " , ".join(about_modules), " , ".join(rest)


def read_knowledge_areas(text: Any) -> Updates:
    """The answer to "how many areas did your qualification cover?".

    Clauses about modules fill the modules field ("none, but I've started my
    third module"). An answer about modules alone is taken to mean the
    qualification did not cover the areas: the visitor answered the areas
    question with modules.
    """
    clean = normalise(text)
    modules_part, rest = _split_modules(clean)
    if not modules_part:
        parsed = parse_knowledge_areas(clean)
        return {"knowledge_areas": parsed.value} if parsed.ok else {}
    modules = parse_knowledge_areas(modules_part)
    areas = parse_knowledge_areas(rest) if rest else fail("no areas")
    updates = {"knowledge_modules": modules.value} if modules.ok else {}
    if areas.ok:
        updates["knowledge_areas"] = areas.value
    elif updates:
        updates["knowledge_areas"] = 0
    return updates


def read_knowledge_modules(text: Any) -> Updates:
    """The answer to "how many knowledge modules have you completed or started?"."""
    modules_part, _ = _split_modules(normalise(text))
    parsed = parse_knowledge_areas(modules_part or normalise(text))
    return {"knowledge_modules": parsed.value} if parsed.ok else {}


def volunteered_modules(numeric: str) -> int | None:
    """Knowledge modules mentioned in any message ("I've done two modules")."""
    modules_part, _ = _split_modules(numeric)
    if not modules_part:
        return None
    parsed = parse_knowledge_areas(modules_part)
    return parsed.value if parsed.ok else None
