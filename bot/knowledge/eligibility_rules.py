"""knowledge/eligibility.yml as typed rules, checked when they are loaded.

The rules' numbers, the roles a visitor may hold, the caveats and the outcomes
become dataclasses here, so the code that reasons with them
(bot/eligibility/rules.py) reads `rules.required_level.value`, not nested
dict keys, and a missing or misspelt entry stops the loader with a message
naming the file and the entry. Fact ids are checked by the loader
(`base.py`), which sees every file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.files import KnowledgeError, field

# Every outcome the rules can reach, and every caveat they add: each must be worded.
OUTCOMES = (
    "pqip_15_month",
    "pqip_21_month",
    "needs_experience",
    "access_route",
    "access_via_pso",
    "pso_route",
    "social_work_route",
    "no_right_to_work",
    "under_18",
    "incomplete",
)
CAVEATS = (
    "length_likely",
    "clearance",
    "outside_uk",
    "mixed_prior_learning",
    "level3_vq_unlisted",
    "level_not_on_page",
    "pso_already",
    "probation_staff",
    "unsure_visa",
    "unsure_right_to_work",
    "unsure_outside_uk",
    "unsure_nation",
    "unsure_overseas_qualification",
    "unsure_qualification_level",
    "unsure_qualification_unfinished",
    "in_progress",
    "unsure_level3_vq",
    "unsure_experience",
    "unsure_experience_hint",
    "unsure_age",
    "unsure_count",
    "lived_experience",
    "lived_experience_justice",
)


@dataclass(frozen=True)
class Threshold:
    """A number the rules reason with and the fact it rests on."""

    value: int
    fact: str
    conflicting_claim: int | None = None  # a higher figure another page gives


@dataclass(frozen=True)
class KnowledgeAreas:
    fact: str
    names: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...]  # phrases naming each area, in the order of names


@dataclass(frozen=True)
class QualificationGroup:
    """Qualifications (qualifications.yml ids) the rules treat alike."""

    qualification_ids: tuple[str, ...]
    fact: str


@dataclass(frozen=True)
class ExperienceReading:
    """Word lists the experience answer is read with (eligibility.yml experience.reading)."""

    qualifying: tuple[str, ...]  # settings where the work is with the people 003 names
    other_work: tuple[str, ...]  # work that, alone, is not with such people
    lived: tuple[str, ...]  # being on the receiving end: lived experience
    others: tuple[str, ...]  # people whose job is theirs, not the visitor's
    work: tuple[str, ...] = ()  # words naming the work itself, not only its setting


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    counts_as_experience: bool
    aliases: tuple[str, ...]
    fact: str | None


@dataclass(frozen=True)
class Caveat:
    text: str  # may hold {placeholders}, filled by `render`
    facts: tuple[str, ...]

    def render(self, **values: Any) -> str:
        return self.text.format(**values)


@dataclass(frozen=True)
class Step:
    text: str
    fact: str | None


@dataclass(frozen=True)
class Outcome:
    id: str
    headline: str
    route: str | None
    length_months: int | None
    facts: tuple[str, ...]
    next_steps: tuple[Step, ...]


@dataclass(frozen=True)
class EligibilityRules:
    min_age: Threshold
    right_to_work_fact: str
    required_level: Threshold
    higher_levels_fact: str
    experience_facts: tuple[str, ...]
    experience_reading: ExperienceReading
    knowledge_areas: KnowledgeAreas
    modules_for_short_route: Threshold
    fourth_module_fact: str
    level3_vq: QualificationGroup
    part_of_pqip: QualificationGroup
    roles: tuple[Role, ...]
    caveats: Mapping[str, Caveat]
    outcomes: Mapping[str, Outcome]
    provisional_headlines: Mapping[str, str]  # outcome id -> headline when something is unsure
    # gaps.yml ids about something the check itself asks (an upper age limit, a visa):
    # a visitor's question about their own eligibility that meets one is answered, then checked
    check_after_gaps: tuple[str, ...] = ()

    @property
    def area_count(self) -> int:
        return len(self.knowledge_areas.names)

    def role(self, role_id: str | None) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)


# --- loading ----------------------------------------------------------------------------


def _flat(text: str) -> str:
    """Folded YAML text on one line, as the visitor reads it."""
    return " ".join(text.split())


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{self.path.name}: {where} {problem}")

    def mapping(self, node: Any, where: str) -> dict[str, Any]:
        if not isinstance(node, dict):
            raise self.fail(where, "must be a mapping")
        return node

    def section(self, rules: dict[str, Any], name: str) -> dict[str, Any]:
        if name not in rules:
            raise self.fail(f"'{name}'", "is missing")
        return self.mapping(rules[name], f"'{name}'")

    def get(self, node: dict[str, Any], name: str, kind: type, where: str) -> Any:
        return field(self.path, node, name, kind, label=where)

    def strings(self, node: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
        values = node.get(name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(where, f"field '{name}' must be a list of non-empty strings")
        return tuple(v.strip() for v in values)

    def threshold(self, rules: dict[str, Any], name: str) -> Threshold:
        node = self.section(rules, name)
        where = f"'{name}'"
        claim = node.get("conflicting_claim_age")
        if claim is not None and (not isinstance(claim, int) or isinstance(claim, bool)):
            raise self.fail(where, "field 'conflicting_claim_age' must be a number")
        return Threshold(self.get(node, "value", int, where), self.get(node, "fact", str, where), claim)

    def fact_of(self, rules: dict[str, Any], name: str) -> str:
        return self.get(self.section(rules, name), "fact", str, f"'{name}'")

    def group(self, rules: dict[str, Any], name: str, known: Iterable[str]) -> QualificationGroup:
        node = self.section(rules, name)
        where = f"'{name}'"
        ids = self.strings(node, "qualification_ids", where)
        unknown = [q for q in ids if q not in set(known)]
        if unknown:
            raise self.fail(where, f"names unknown qualification {unknown[0]!r} (not in qualifications.yml)")
        return QualificationGroup(ids, self.get(node, "fact", str, where))

    def areas(self, rules: dict[str, Any]) -> KnowledgeAreas:
        node = self.section(rules, "knowledge_areas")
        where = "'knowledge_areas'"
        names = self.strings(node, "names", where)
        aliases = node.get("aliases") or []
        if not names or not isinstance(aliases, list) or len(aliases) != len(names):
            raise self.fail(where, "needs names and, in the same order, one alias list per name")
        alias_lists = tuple(
            self.strings({"aliases": a}, "aliases", f"{where} area {i + 1}") for i, a in enumerate(aliases)
        )
        return KnowledgeAreas(
            self.get(node, "fact", str, where),
            names,
            tuple(tuple(a.lower() for a in lst) for lst in alias_lists),
        )

    def roles(self, rules: dict[str, Any]) -> tuple[Role, ...]:
        nodes = rules.get("roles") or []
        if not isinstance(nodes, list):
            raise self.fail("'roles'", "must be a list")
        roles: list[Role] = []
        for index, node in enumerate(nodes):
            where = f"role #{index + 1}"
            node = self.mapping(node, where)
            role_id = self.get(node, "id", str, where)
            where = f"role {role_id!r}"
            if any(r.id == role_id for r in roles):
                raise self.fail(where, "is listed twice")
            roles.append(
                Role(
                    role_id,
                    self.get(node, "name", str, where),
                    bool(node.get("counts_as_experience", False)),
                    tuple(a.lower() for a in self.strings(node, "aliases", where)),
                    node.get("fact"),
                )
            )
        return tuple(roles)

    def experience_reading(self, rules: dict[str, Any]) -> ExperienceReading:
        node = self.mapping(self.section(rules, "experience").get("reading"), "'experience' reading")
        where = "'experience' reading"
        return ExperienceReading(
            *(
                tuple(w.lower() for w in self.strings(node, name, where))
                for name in ("qualifying", "other_work", "lived", "others", "work")
            )
        )

    def caveats(self, rules: dict[str, Any]) -> dict[str, Caveat]:
        nodes = self.section(rules, "caveats")
        caveats = {}
        for caveat_id, node in nodes.items():
            where = f"caveat {caveat_id!r}"
            node = self.mapping(node, where)
            caveats[caveat_id] = Caveat(
                _flat(self.get(node, "text", str, where)), self.strings(node, "facts", where)
            )
        missing = [c for c in CAVEATS if c not in caveats]
        if missing:
            raise self.fail(f"caveat {missing[0]!r}", "is missing (the rules add it)")
        return caveats

    def outcomes(self, rules: dict[str, Any]) -> dict[str, Outcome]:
        nodes = self.section(rules, "outcomes")
        outcomes = {}
        for outcome_id, node in nodes.items():
            where = f"outcome {outcome_id!r}"
            if outcome_id not in OUTCOMES:
                raise self.fail(where, f"is not one the rules reach ({', '.join(OUTCOMES)})")
            node = self.mapping(node, where)
            length = node.get("length_months")
            if length is not None and (not isinstance(length, int) or isinstance(length, bool)):
                raise self.fail(where, "field 'length_months' must be a number or null")
            steps = node.get("next_steps") or []
            if not isinstance(steps, list):
                raise self.fail(where, "field 'next_steps' must be a list")
            outcomes[outcome_id] = Outcome(
                outcome_id,
                _flat(self.get(node, "headline", str, where)),
                node.get("route"),
                length,
                self.strings(node, "facts", where),
                tuple(self._step(step, f"{where} next step {i + 1}") for i, step in enumerate(steps)),
            )
        missing = [o for o in OUTCOMES if o not in outcomes]
        if missing:
            raise self.fail(f"outcome {missing[0]!r}", "is missing (the rules can reach it)")
        return outcomes

    def _step(self, node: Any, where: str) -> Step:
        node = self.mapping(node, where)
        return Step(_flat(self.get(node, "text", str, where)), node.get("fact"))


def load_eligibility_rules(path: Path, rules: Any, qualification_ids: Iterable[str]) -> EligibilityRules:
    """The rules read from `rules` (eligibility.yml's top-level mapping), checked."""
    read = _Reader(path)
    rules = read.mapping(rules, "'eligibility'")
    known = list(qualification_ids)
    return EligibilityRules(
        min_age=read.threshold(rules, "min_age"),
        right_to_work_fact=read.fact_of(rules, "right_to_work"),
        required_level=read.threshold(rules, "required_level"),
        higher_levels_fact=read.fact_of(rules, "higher_levels"),
        experience_facts=read.strings(read.section(rules, "experience"), "facts", "'experience'"),
        experience_reading=read.experience_reading(rules),
        knowledge_areas=read.areas(rules),
        modules_for_short_route=read.threshold(rules, "modules_started_for_short_route"),
        fourth_module_fact=read.fact_of(rules, "fourth_module"),
        level3_vq=read.group(rules, "level3_vq", known),
        part_of_pqip=read.group(rules, "part_of_pqip", known),
        roles=read.roles(rules),
        caveats=read.caveats(rules),
        outcomes=read.outcomes(rules),
        provisional_headlines={
            k: _flat(str(v))
            for k, v in read.mapping(
                rules.get("provisional_headlines") or {}, "'provisional_headlines'"
            ).items()
        },
        check_after_gaps=read.strings(rules, "check_after_gaps", "'check_after_gaps'"),
    )
