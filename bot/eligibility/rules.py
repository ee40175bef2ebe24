"""Who can apply for the PQiP, and what to do if not yet: plain Python, no Rasa.

The rules' numbers (minimum age, required level, areas needed for the short
route) and every sentence shown to the visitor come from
knowledge/eligibility.yml and the facts it cites; this module only decides
which outcome applies and which facts explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.eligibility.fields import (
    ASKING_ORDER,
    Profile,
    has_experience,
    short_route_by_areas,
    short_route_by_modules,
    still_matters,
)
from bot.knowledge import EligibilityRules, Knowledge, Qualification, load_knowledge

PQIP_OUTCOMES = ("pqip_15_month", "pqip_21_month")
# Outcomes whose next steps lead to a post in probation, where clearance applies.
CLEARANCE_OUTCOMES = PQIP_OUTCOMES + ("needs_experience", "access_route", "access_via_pso", "pso_route")


@dataclass(frozen=True)
class Reason:
    text: str
    fact_id: str
    source_title: str


@dataclass
class Assessment:
    outcome: str
    headline: str
    route: str | None
    length_months: int | None
    reasons: list[Reason] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    complete: bool = False
    deciding: list[str] = field(default_factory=list)  # the caveats shown next to the headline


# --- reading the rules --------------------------------------------------------------


def _rules(kb: Knowledge) -> EligibilityRules:
    return kb.eligibility


def _nation_route(kb: Knowledge, nation_id: str | None) -> str | None:
    return next((n.route for n in kb.nations if n.id == nation_id), None)


def _is_stopped(profile: Profile, kb: Knowledge) -> bool:
    """Has an answer already settled the outcome, whatever else is said?"""
    return (
        (profile.age is not None and profile.age < _rules(kb).min_age.value)
        or profile.right_to_work is False
        or _nation_route(kb, profile.nation) == "social_work"
    )


# --- which questions still matter ---------------------------------------------------


def _areas_needed(kb: Knowledge) -> int:
    return _rules(kb).area_count


def fields_needed(profile: Profile, kb: Knowledge | None = None) -> list[str]:
    """Fields still to ask, in asking order, leaving out any that can't change the answer."""
    kb = kb or load_knowledge()
    needed = []
    unsure = profile.unsure()  # noted for the helpline: never asked again
    for name in ASKING_ORDER:
        if _is_stopped(profile, kb):
            break
        value = getattr(profile, name)
        if value is None and name not in unsure and still_matters(name, profile, kb):
            needed.append(name)
    return needed


# --- deciding the outcome -----------------------------------------------------------


def _outcome_id(profile: Profile, kb: Knowledge, missing: list[str]) -> str:
    if profile.age is not None and profile.age < _rules(kb).min_age.value:
        return "under_18"
    if profile.right_to_work is False:
        return "no_right_to_work"
    if _nation_route(kb, profile.nation) == "social_work":
        return "social_work_route"
    if missing:
        return "incomplete"
    meets_level = (profile.qualification_level or 0) >= _rules(kb).required_level.value
    experience = has_experience(profile, kb)
    if meets_level and experience:
        short = short_route_by_areas(profile, kb) or short_route_by_modules(profile, kb)
        return "pqip_15_month" if short else "pqip_21_month"
    if meets_level:
        return "needs_experience"
    if experience:  # the access route needs a relevant Level 3 VQ as well (003)
        return "access_route" if profile.level3_vq else "access_via_pso"
    return "pso_route"


def _reason(kb: Knowledge, fact_id: str) -> Reason:
    fact = kb.fact(fact_id)
    return Reason(fact.text, fact.id, kb.sources[fact.source].title)


def _reason_fact_ids(outcome: str, profile: Profile, kb: Knowledge) -> list[str]:
    rules = _rules(kb)
    fact_ids = list(rules.outcomes[outcome].facts)
    level = profile.qualification_level
    if (
        outcome in PQIP_OUTCOMES + ("needs_experience",)
        and level is not None
        and level > _rules(kb).required_level.value
    ):
        fact_ids.append(rules.higher_levels_fact)
    if (
        outcome == "pqip_15_month"
        and not short_route_by_areas(profile, kb)
        and (profile.knowledge_modules or 0) < _areas_needed(kb)
    ):
        fact_ids.append(rules.fourth_module_fact)
    role = _rules(kb).role(profile.role)
    if role and role.fact:
        fact_ids.append(role.fact)
    return list(dict.fromkeys(fact_ids))  # in order, each once


def _caveat(kb: Knowledge, caveat_id: str, **values: Any) -> str:
    return _rules(kb).caveats[caveat_id].render(**values)


def _conflict_caveat(kb: Knowledge, fact_id: str) -> list[str]:
    """What other pages claim against this fact, and which page was followed."""
    return kb.conflict_notes(fact_id)


def unconfirmed_qualification(profile: Profile, kb: Knowledge) -> Qualification | None:
    """The visitor's qualification when its level is a general RQF placement the
    pages don't state (a PGCE, say): the visitor and the helpline should check it."""
    row = kb.qualification(profile.qualification_id)
    if row is None or row.stated_on_page or row.level == 0:
        return None
    return row


def _qualification_caveat(profile: Profile, kb: Knowledge) -> list[str]:
    row = unconfirmed_qualification(profile, kb)
    return [_caveat(kb, "level_not_on_page", name=row.name, level=row.level)] if row else []


# Caveats that don't decide whether the outcome can be relied on: shown on "why" only.
_BACKGROUND_CAVEATS = ("clearance", "pso_already", "probation_staff")
# An unsure answer that can't change whether the PQiP is open (only its likely length).
_LENGTH_ONLY = ("unsure_count",)


def _unsure_caveats(outcome: str, profile: Profile, kb: Knowledge) -> list[str]:
    """What the check couldn't settle, each turned into what to confirm."""
    if outcome in ("under_18", "no_right_to_work", "social_work_route", "incomplete"):
        return []
    names = dict((profile.notes or {}).get("names") or {})
    caveats = []
    for field_name, caveat_id in profile.unsure().items():
        if caveat_id in _rules(kb).caveats:
            caveats.append(_caveat(kb, caveat_id, name=names.get(field_name, "that work")))
    return list(dict.fromkeys(caveats))


def _in_progress_caveat(outcome: str, profile: Profile, kb: Knowledge) -> list[str]:
    """What changes once a course in progress is finished."""
    course = (profile.notes or {}).get("in_progress")
    required = _rules(kb).required_level.value
    if (
        not isinstance(course, dict)
        or int(course.get("level") or 0) < required
        or (profile.qualification_level or 0) >= required
        or outcome in ("under_18", "no_right_to_work", "social_work_route", "incomplete")
    ):
        return []
    return [_caveat(kb, "in_progress", name=course.get("name") or "course", level=course.get("level"))]


def is_provisional(outcome: str, profile: Profile) -> bool:
    """Does a PQiP outcome rest on something the check couldn't settle?"""
    return outcome in PQIP_OUTCOMES and any(c not in _LENGTH_ONLY for c in profile.unsure().values())


def _caveats(outcome: str, profile: Profile, kb: Knowledge) -> list[str]:
    rules = _rules(kb)
    caveats = _unsure_caveats(outcome, profile, kb) + _in_progress_caveat(outcome, profile, kb)
    if outcome in PQIP_OUTCOMES:
        caveats.append(_caveat(kb, "length_likely"))
    min_age = rules.min_age
    if profile.age is not None and min_age.value <= profile.age < (
        min_age.conflicting_claim or min_age.value
    ):
        caveats += _conflict_caveat(kb, min_age.fact)
    level = profile.qualification_level
    if (
        outcome in ("access_route", "access_via_pso", "pso_route") and level is not None and level >= 3
    ):  # another page says Level 3 is enough; say why we differ
        caveats += _conflict_caveat(kb, rules.required_level.fact)
    if outcome not in ("incomplete", "under_18", "no_right_to_work", "social_work_route"):
        caveats += _qualification_caveat(profile, kb)
        if _nation_route(kb, profile.nation) == "outside" and "nation" not in profile.unsure():
            caveats.append(_caveat(kb, "outside_uk"))
        if profile.role == "pso":
            caveats.append(_caveat(kb, "pso_already"))
        if profile.role == "probation_staff" and outcome in ("pso_route", "access_via_pso"):
            caveats.append(_caveat(kb, "probation_staff"))
    if outcome == "pqip_21_month" and _is_mixed(profile, kb):
        caveats.append(_caveat(kb, "mixed_prior_learning"))
    if outcome == "access_via_pso" and profile.level3_vq is False:
        caveats.append(_caveat(kb, "level3_vq_unlisted"))
    if outcome in CLEARANCE_OUTCOMES:
        caveats.append(_caveat(kb, "clearance"))
    return caveats


def _is_mixed(profile: Profile, kb: Knowledge) -> bool:
    """Some areas within the qualification and some modules, neither way complete."""
    return 0 < (profile.knowledge_areas or 0) < _areas_needed(kb) and (profile.knowledge_modules or 0) > 0


def _next_steps(outcome: str, kb: Knowledge) -> list[str]:
    return [step.text for step in _rules(kb).outcomes[outcome].next_steps]


def assess(profile: Profile, kb: Knowledge | None = None) -> Assessment:
    """The outcome for this profile, with its reasons (cited facts), steps and caveats."""
    kb = kb or load_knowledge()
    missing = fields_needed(profile, kb)
    outcome = _outcome_id(profile, kb, missing)
    wording = _rules(kb).outcomes[outcome]
    caveats = _caveats(outcome, profile, kb)
    background = {
        _caveat(kb, c) for c in _BACKGROUND_CAVEATS if c in _rules(kb).caveats and c != "probation_staff"
    }
    background.add(_caveat(kb, "probation_staff"))
    # The visitor's own record (a conviction, a caution, time in the justice system):
    # security clearance then decides whether the outcome holds, so it is shown with it.
    notes = profile.notes or {}
    lived_justice = notes.get("lived") == "justice" or bool(notes.get("record"))
    headline = wording.headline
    if is_provisional(outcome, profile):
        headline = _rules(kb).provisional_headlines.get(outcome, headline)
    return Assessment(
        outcome=outcome,
        headline=headline,
        route=wording.route,
        length_months=wording.length_months,
        reasons=[_reason(kb, f) for f in _reason_fact_ids(outcome, profile, kb)],
        next_steps=_next_steps(outcome, kb),
        caveats=caveats,
        missing=missing,
        complete=not missing,
        deciding=[
            c for c in caveats if c not in background or (lived_justice and c == _caveat(kb, "clearance"))
        ],
    )
