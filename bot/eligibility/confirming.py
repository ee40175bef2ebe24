"""The check's confirming questions: one short question, with buttons in the
visitor's terms, for an answer that was hedged, vague or contradictory.

A reader (bot/eligibility/parsing/) names the question by id in its Reading;
the dialogue asks it once, reads the reply with the field's own reader (and a
plain yes / no), and carries on whatever the reply: an answer that still
doesn't settle it is noted as unsure for the helpline. `{name}` is the
visitor's own words for the thing they mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass

Button = tuple[str, str]  # (title, payload)
COUNT_BUTTONS: tuple[Button, ...] = (
    ("All 4", "all four"),
    ("3", "three"),
    ("2", "two"),
    ("1", "one"),
    ("None", "none"),
)


@dataclass(frozen=True)
class Confirm:
    question: str  # its last line is the question itself
    buttons: tuple[Button, ...] = ()
    yes_means_read: bool = False  # a plain "yes" confirms what was read


CONFIRMS: dict[str, Confirm] = {
    "age": Confirm("Just to be sure of the minimum age: how old are you, in years?"),
    "right_to_work": Confirm(
        "Just to be sure: do you have the right to work in the UK now?",
        (("Yes, I do", "yes"), ("No", "no"), ("I'm not sure", "not sure")),
        yes_means_read=True,
    ),
    "nation": Confirm(
        "It decides the route: the PQiP in England and Wales, the social work route in Scotland "
        "and Northern Ireland.\nWhere are you hoping to work: England, Wales, Scotland, Northern "
        "Ireland, or outside the UK?",
        (
            ("England", "England"),
            ("Wales", "Wales"),
            ("Scotland", "Scotland"),
            ("Northern Ireland", "Northern Ireland"),
            ("Outside the UK", "outside the UK"),
        ),
    ),
    "qualification_level": Confirm(
        "Just to be sure: is your {name} at Level 5 or above? (A foundation degree or an HND is Level 5.)",
        (("Yes, Level 5 or above", "yes"), ("No, below Level 5", "no"), ("I'm not sure", "not sure")),
        yes_means_read=True,
    ),
    "highest_finished": Confirm(
        "A qualification you haven't finished doesn't count yet, though I'll say what changes once "
        "it's done.\nWhat is the highest qualification you have already finished, for example A "
        "levels, GCSEs or none?",
        (("A levels", "A levels"), ("GCSEs", "GCSEs"), ("None", "none")),
    ),
    "knowledge_areas": Confirm(
        "To be sure of the route: how many of the four areas did your qualification cover?",
        COUNT_BUTTONS,
    ),
    "knowledge_modules": Confirm(
        "To be sure of the route: how many knowledge modules have you completed or started?",
        COUNT_BUTTONS,
    ),
    # One count said with a hedge ("I reckon all four, pretty sure"): what was read, to confirm.
    "count_hedged": Confirm(
        'You said "{name}", though not for certain, and it decides the route. Is that right?',
        (("Yes, that's right", "yes"), ("No", "no"), ("I'm not sure", "not sure")),
        yes_means_read=True,
    ),
    "experience_hint": Confirm(
        'You mentioned "{name}". Is that experience, paid or voluntary, of working with people '
        "who offend, or whose behaviour is challenging or whose lives are in crisis?",
        (("Yes, that's the work", "yes"), ("No, not really", "no")),
        yes_means_read=True,
    ),
    "experience": Confirm(
        "Just to be sure: do you have experience, paid or voluntary, of working with people who "
        "offend, or whose behaviour is challenging or whose lives are in crisis?",
        (("Yes, I have", "yes"), ("No, not yet", "no")),
        yes_means_read=True,
    ),
    "level3_vq": Confirm(
        "Just to be sure: do you hold a Level 3 vocational qualification, and in what subject?",
        (
            ("Yes, in probation practice", "yes, in probation practice"),
            ("Yes, in another subject", "yes, in another subject"),
            ("No", "no"),
        ),
    ),
}


def confirm(confirm_id: str) -> Confirm:
    return CONFIRMS.get(confirm_id) or CONFIRMS["experience"]
