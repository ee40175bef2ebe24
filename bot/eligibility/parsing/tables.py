"""The knowledge tables the parsers match against, built once per process.

Names of qualifications, nations, roles and knowledge areas come from
knowledge/; only everyday words (yes, no, work settings) live in the field
modules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.eligibility.parsing.text import PhraseTable
from bot.knowledge import Qualification, load_knowledge


@dataclass(frozen=True)
class Tables:
    nations: PhraseTable
    nation_names: dict[str, str]
    qualifications: PhraseTable
    qualification_by_id: dict[str, Qualification]
    areas: PhraseTable
    area_count: int
    roles: PhraseTable
    level3_vq_ids: frozenset[str]
    min_age: int
    area_count_needed: int  # areas within the qualification for the short route
    modules_needed: int  # knowledge modules completed or started for the short route
    nation_routes: dict[str, str]

    def qualification(self, qualification_id: str | None) -> Qualification | None:
        return self.qualification_by_id.get(qualification_id or "")


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    kb = load_knowledge()
    rules = kb.eligibility
    return Tables(
        nations=PhraseTable((n.id, n.aliases) for n in kb.nations),
        nation_names={n.id: n.name for n in kb.nations},
        qualifications=PhraseTable((q.id, q.aliases) for q in kb.qualifications),
        qualification_by_id={q.id: q for q in kb.qualifications},
        areas=PhraseTable((str(i), aliases) for i, aliases in enumerate(rules.knowledge_areas.aliases)),
        area_count=rules.area_count,
        roles=PhraseTable((r.id, r.aliases) for r in rules.roles),
        level3_vq_ids=frozenset(rules.level3_vq.qualification_ids),
        min_age=rules.min_age.value,
        area_count_needed=rules.area_count,
        modules_needed=rules.modules_for_short_route.value,
        nation_routes={n.id: n.route for n in kb.nations},
    )
