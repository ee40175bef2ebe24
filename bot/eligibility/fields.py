"""The eligibility check's questions, each declared once: the field registry.

A `Field` says everything the rest of the bot needs about one question: the
slot (and Profile attribute) it fills, how its answer is read, what it asks
(the form's `utter_ask_<name>`), an example and the choices offered when an
answer can't be used, how the helpline's triage card labels it, and when it
still matters. The form's slots, required slots and questions in domain.yml
are generated from this list (`make`, bot/build/eligibility_domain.py; a test
checks domain.yml is current).

Adding a question: a `Profile` attribute and a `Field` here, a reader in
bot/eligibility/parsing/, and whatever the rules cite in knowledge/ (plus the
outcome logic in rules.py if the answer changes which outcome applies).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from bot.eligibility import parsing
from bot.eligibility.parsing import NOTHING, Reading, Updates
from bot.knowledge import Knowledge
from bot.rasa_names import Slots

logger = logging.getLogger(__name__)


@dataclass
class Profile:
    """What the visitor has told us; None = not known yet. Slots hold exactly these."""

    age: int | None = None
    right_to_work: bool | None = None
    nation: str | None = None  # nations.yml id of where they want to WORK
    qualification_level: int | None = None  # highest RQF level, 0 = none
    qualification_id: str | None = None  # its qualifications.yml id; None for a plain "Level N"
    knowledge_areas: int | None = None  # areas their Level 5+ qualification covered, 0-4
    knowledge_modules: int | None = None  # knowledge modules completed or started, 0-4
    experience: bool | None = None
    level3_vq: bool | None = None
    role: str | None = None  # eligibility.yml roles id, e.g. "pso"
    # Not a question: what the check noted along the way (the eligibility_notes
    # slot): {"unsure": {field: to_confirm id}, "asked": [fields confirmed once],
    # "in_progress": {"name", "level"}, "lived": "justice" | "other", "names": {field: words},
    # "record": True when the visitor said they have a conviction or caution}
    notes: dict[str, Any] | None = None

    def unsure(self) -> dict[str, str]:
        """Fields the check couldn't settle, each with what to confirm with the helpline."""
        return dict((self.notes or {}).get("unsure") or {})


PROFILE_FIELDS = tuple(f.name for f in fields(Profile) if f.name != "notes")


# --- what a profile already settles (the rules read these too) ---------------------------


def role_is_experience(profile: Profile, kb: Knowledge) -> bool:
    """Is the visitor's role (a PSO's) relevant experience in itself?"""
    role = kb.eligibility.role(profile.role)
    return bool(role and role.counts_as_experience)


def has_experience(profile: Profile, kb: Knowledge) -> bool | None:
    """Stated experience, or a role that is relevant experience in itself."""
    return True if role_is_experience(profile, kb) else profile.experience


def short_route_by_areas(profile: Profile, kb: Knowledge) -> bool:
    """All four areas within the Level 5+ qualification (003)."""
    return (profile.knowledge_areas or 0) >= kb.eligibility.area_count


def short_route_by_modules(profile: Profile, kb: Knowledge) -> bool:
    """Knowledge modules with the third at least started (003)."""
    return (profile.knowledge_modules or 0) >= kb.eligibility.modules_for_short_route.value


def _pqip_bound(profile: Profile, kb: Knowledge) -> bool:
    level = profile.qualification_level
    return (
        level is not None
        and level >= kb.eligibility.required_level.value
        and has_experience(profile, kb) is not False
    )


def _always(profile: Profile, kb: Knowledge) -> bool:
    return True


def _plain(value: Any, profile: Profile, kb: Knowledge) -> str:
    """A value as the triage card shows it: yes / no, or as it is."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _of_areas(value: Any, profile: Profile, kb: Knowledge) -> str:
    return f"{value} of {kb.eligibility.area_count}"


def _nation(value: Any, profile: Profile, kb: Knowledge) -> str:
    return next((n.name for n in kb.nations if n.id == value), str(value))


def _role(value: Any, profile: Profile, kb: Knowledge) -> str:
    role = kb.eligibility.role(value)
    return role.name if role else str(value)


def _qualification(level: Any, profile: Profile, kb: Knowledge) -> str:
    row = kb.qualification(profile.qualification_id)
    if row:
        return f"{row.name} (Level {level})"
    return "none" if level == 0 else f"Level {level}"


# --- the registry ----------------------------------------------------------------------

Button = tuple[str, str]  # (title, payload)
YES_NO: tuple[Button, ...] = (("Yes", "yes"), ("No", "no"))
COUNTS = ("None", "1", "2", "3", "All 4")


@dataclass(frozen=True)
class Field:
    name: str  # slot, Profile attribute, form's requested_slot
    meaning: str  # one line: what the slot holds (domain.yml comment)
    read: Callable[[Any], Reading]  # an answer -> its reading (NOTHING if unusable)
    card_label: str  # "Told the bot: <label>: <value>" on the card
    still_to_ask: str = ""  # "still to ask about <this>" on the card
    question: str = ""  # utter_ask_<name>; "" = asked by an action
    buttons: tuple[Button, ...] = ()  # shown with the question
    example: str = ""  # shown after an unusable answer
    choices: tuple[str, ...] = ()  # buttons after repeated unusable answers
    matters: Callable[[Profile, Knowledge], bool] = _always  # can it still change the answer?
    shown: Callable[[Any, Profile, Knowledge], str] = _plain  # its value on the triage card
    asked: bool = True  # False: only ever volunteered (role)
    companions: tuple[tuple[str, str], ...] = ()  # (slot, meaning) its answer sets with it


FIELDS: tuple[Field, ...] = (
    Field(
        "age",
        "The visitor's age in years.",
        parsing.read_age,
        card_label="Age",
        still_to_ask="age",
        question="How old are you?",
        example="Please give a number, for example 27.",
    ),
    Field(
        "right_to_work",
        "Whether the visitor has the right to work in the UK.",
        parsing.read_right_to_work,
        card_label="Right to work in the UK",
        still_to_ask="right to work in the UK",
        question="Do you have the right to work in the UK?",
        buttons=YES_NO,
        example="A yes or no is enough.",
        choices=("Yes", "No"),
    ),
    Field(
        "nation",
        "Where the visitor wants to WORK: a knowledge/nations.yml id.",
        parsing.read_nation,
        card_label="Wants to work in",
        still_to_ask="where they want to work",
        question="Where do you want to work as a probation officer: England, Wales, Scotland, "
        "Northern Ireland, or outside the UK?",
        buttons=(
            ("England", "England"),
            ("Wales", "Wales"),
            ("Scotland", "Scotland"),
            ("Northern Ireland", "Northern Ireland"),
            ("Outside the UK", "outside the UK"),
        ),
        example="Please name where you want to work, for example England or Wales, or say outside the UK.",
        choices=("England", "Wales", "Scotland", "Northern Ireland", "Outside the UK"),
        shown=_nation,
    ),
    Field(
        "qualification_level",
        "The visitor's highest RQF level (0 = none); the row itself is in qualification_id.",
        parsing.read_qualification,
        card_label="Highest qualification",
        still_to_ask="highest qualification",
        question="What is your highest qualification so far? For example A levels, an HND, a "
        "foundation degree or a bachelor's degree.",
        example='Please name it, for example "A levels", "HND", "foundation degree", '
        '"BA in criminology", or "none".',
        choices=(
            "No formal qualifications",
            "GCSEs",
            "A levels",
            "HND",
            "Foundation degree",
            "Bachelor's degree",
            "Master's degree",
        ),
        companions=(
            (
                "qualification_id",
                'The knowledge/qualifications.yml id of that qualification; null for a plain "Level N".',
            ),
        ),
        shown=_qualification,
    ),
    Field(
        # The two only split 15 from 21 months, and either way alone settles it.
        "knowledge_areas",
        "How many of the four knowledge areas the visitor's Level 5+ qualification covered (0-4).",
        parsing.read_knowledge_areas,
        card_label="Knowledge areas in their qualification",
        still_to_ask="knowledge areas in their qualification",
        question="",  # names the areas from knowledge/: action_ask_knowledge_areas
        example='A number from 0 to 4 is enough, for example "two of them" or "none".',
        choices=COUNTS,
        shown=_of_areas,
        matters=lambda p, kb: _pqip_bound(p, kb) and not short_route_by_modules(p, kb),
    ),
    Field(
        "knowledge_modules",
        "How many knowledge modules the visitor has completed or started (0-4).",
        parsing.read_knowledge_modules,
        card_label="Knowledge modules completed or started",
        still_to_ask="knowledge modules completed or started",
        question="How many knowledge modules have you completed or started, counting one you're "
        "part-way through? (0 to 4)",
        example="A number from 0 to 4 is enough, counting one you've started, for example "
        '"I\'m on my third" or "none".',
        choices=COUNTS,
        shown=_of_areas,
        matters=lambda p, kb: _pqip_bound(p, kb) and not short_route_by_areas(p, kb),
    ),
    Field(
        "experience",
        "Whether the visitor has relevant experience, paid or voluntary.",
        parsing.read_experience,
        card_label="Relevant experience",
        still_to_ask="relevant experience",
        question="Do you have experience, paid or voluntary, of working with offenders or with "
        "people whose behaviour is challenging or whose lives are in crisis?",
        example='A yes or no is enough, or describe it, for example "I volunteer at a homeless shelter".',
        choices=("Yes", "No"),
        matters=lambda p, kb: not role_is_experience(p, kb),
    ),
    Field(
        # Only splits the access route from the other ways in.
        "level3_vq",
        "Whether the visitor holds a relevant Level 3 vocational qualification.",
        parsing.read_level3_vq,
        card_label="Relevant Level 3 VQ",
        still_to_ask="relevant Level 3 vocational qualification",
        question="Do you hold a relevant Level 3 vocational qualification (the access route asks for one)?",
        buttons=YES_NO,
        example="A yes or no is enough.",
        choices=("Yes", "No"),
        matters=lambda p, kb: (
            p.qualification_level is not None
            and p.qualification_level < kb.eligibility.required_level.value
            and has_experience(p, kb) is True
        ),
    ),
    Field(
        "role",
        "A probation role the visitor already holds: an eligibility.yml roles id.",
        lambda text: NOTHING,  # never asked: read from the experience answer and volunteered facts
        card_label="Works as",
        asked=False,
        shown=_role,
    ),
)


BY_NAME: Mapping[str, Field] = {f.name: f for f in FIELDS}
ASKING_ORDER: tuple[str, ...] = tuple(f.name for f in FIELDS if f.asked)
# Every slot the check keeps: each field, the slots set with it, and the check's own two.
SLOT_NAMES: tuple[str, ...] = PROFILE_FIELDS + (
    Slots.REASK_COUNT,
    Slots.ELIGIBILITY_OUTCOME,
    Slots.ELIGIBILITY_CONFIRM,
    Slots.ELIGIBILITY_NOTES,
)
# A slot set together with a field's value (a None here is a value: "no row").
COMPANION_OF: Mapping[str, str] = {c: f.name for f in FIELDS for c, _ in f.companions}


def field(name: str) -> Field:
    return BY_NAME[name]


def read_reading(name: str, text: Any) -> Reading:
    """The reading of an answer to the question for `name`; NOTHING if unusable."""
    entry = BY_NAME.get(name)
    if entry is None:
        return NOTHING
    try:
        reading = entry.read(text)
        return reading if isinstance(reading, Reading) else NOTHING
    except Exception:  # noqa: BLE001 - a reader bug costs one re-asked question
        logger.exception("read_reading(%s) failed", name)
        return NOTHING


def read_answer(name: str, text: Any) -> Updates:
    """Profile updates an answer sets without a confirming question; {} otherwise
    (an unclear answer sets nothing until it is confirmed)."""
    reading = read_reading(name, text)
    return dict(reading.updates) if reading.certainty != "unclear" else {}


def still_matters(name: str, profile: Profile, kb: Knowledge) -> bool:
    return BY_NAME[name].matters(profile, kb)


def profile_from(slots: Mapping[str, Any]) -> Profile:
    notes = slots.get(Slots.ELIGIBILITY_NOTES)
    return Profile(
        **{name: slots.get(name) for name in PROFILE_FIELDS},
        notes=dict(notes) if isinstance(notes, Mapping) else None,
    )
