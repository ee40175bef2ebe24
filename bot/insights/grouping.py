"""Group questions so that rephrasings of one question sit together.

Deterministic and explainable, no model: a question's *key words* are its
words less common ones ("how", "do", "the", "probation", ...), each cut to its
first five letters so that "salary"/"salaries" or "relocate"/"relocation" are
one key. Questions are taken most-asked wording first; each joins the first
group whose leading wording shares with it at least 60 % of the key words of
the shorter of the two, else starts a group of its own. Answers from
knowledge/gaps.yml carry a gap id: questions given the same listed gap are one
group whatever their words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

SIMILARITY = 0.6
STEM = 5
_WORD = re.compile(r"[a-z0-9]+")
COMMON_WORDS = frozenset(
    """
a about am an and any anything are as at be been being but by can could did do does
doing for from get got had has have having how i if in into is it its just know like
many me much my need of on or our please pqip probation officer officers service should so some
tell than that the their them then there these they this to too us was we what when
where which who why will with would you your yours hi hello thanks thank ok okay
""".split()
)


def key_words(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    # Single letters are left-overs of "what's", "I'd": not key words; digits are ("level 5").
    return frozenset(w[:STEM] for w in words if w not in COMMON_WORDS and (len(w) > 1 or w.isdigit()))


def normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass
class Group:
    leader: str  # the most-asked wording
    keys: frozenset[str]
    gap: str | None = None
    wordings: Counter = field(default_factory=Counter)  # verbatim text -> times asked

    @property
    def count(self) -> int:
        return sum(self.wordings.values())


def group_questions(questions: Iterable[tuple[str, str | None]]) -> list[Group]:
    """(text, listed gap id or None) pairs -> groups, most asked first."""
    by_wording: dict[str, Counter] = {}
    verbatim: dict[str, Counter] = {}
    for text, gap in questions:
        norm = normalised(text)
        if not norm:
            continue
        by_wording.setdefault(norm, Counter())[gap if gap not in (None, "unlisted") else None] += 1
        verbatim.setdefault(norm, Counter())[" ".join(text.split())] += 1
    order = sorted(by_wording, key=lambda w: (-sum(by_wording[w].values()), w))
    groups: list[Group] = []
    by_gap: dict[str, Group] = {}
    by_key: dict[str, list[Group]] = {}  # key word -> groups whose leader has it
    for wording in order:
        gap = next((g for g, _ in by_wording[wording].most_common() if g), None)
        keys = key_words(wording)
        group = by_gap.get(gap) if gap else None
        if group is None:
            candidates = {id(g): g for k in sorted(keys) for g in by_key.get(k, [])}
            group = next(
                (
                    g
                    for g in sorted(candidates.values(), key=groups.index)
                    if similarity(keys, g.keys) >= SIMILARITY and (gap is None or g.gap in (None, gap))
                ),
                None,
            )
        if group is None:
            group = Group(leader=verbatim[wording].most_common(1)[0][0], keys=keys, gap=gap)
            groups.append(group)
            for k in keys:
                by_key.setdefault(k, []).append(group)
        if gap and group.gap is None:
            group.gap = gap
        if group.gap:
            by_gap.setdefault(group.gap, group)
        group.wordings.update(verbatim[wording])
    return sorted(groups, key=lambda g: (-g.count, g.leader))
