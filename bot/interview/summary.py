"""The end of a practice session: strengths, areas to work on, what's next.

Built from the per-answer records the session kept (ids and verdicts, never
the answers' words), so it can be rebuilt from the tracker at any time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.interview.bank import GENERAL_GUIDANCE, Bank
from bot.knowledge import Knowledge
from bot.rasa_names import Entities, Intents, payload
from bot.replies import CHECK_ELIGIBILITY, Button

PRACTISE_AGAIN = Button("Practise another interview", payload(Intents.PRACTISE_INTERVIEW))
TOP = 3


def focus_button(bank: Bank, skill_id: str) -> Button:
    skill = bank.skills[skill_id]
    return Button(
        f"Practise {skill.name.lower()} again",
        payload(Intents.PRACTISE_INTERVIEW, {Entities.INTERVIEW_FOCUS: skill_id}),
    )


@dataclass
class Summary:
    answered: int
    skipped: int
    strengths: list[tuple[str, int, int]] = field(default_factory=list)  # (skill, shown, asked)
    to_work_on: list[tuple[str, int, int]] = field(default_factory=list)
    weak_part: tuple[str, int] | None = None  # (part id, times missing)
    weakest: str | None = None  # skill to practise again


def summarise(bank: Bank, results: Sequence[Mapping[str, Any]]) -> Summary:
    answered = [r for r in results if not r.get("skipped")]
    summary = Summary(answered=len(answered), skipped=len(results) - len(answered))
    asked: Counter = Counter()
    shown: Counter = Counter()
    missing_parts: Counter = Counter()
    for record in answered:
        asked.update(list(record.get("skills") or []) + list(record.get("missed") or []))
        shown.update(record.get("skills") or [])
        missing_parts.update(record.get("missed_parts") or [])
    order: list[str] = []  # ties go to the skill met first in the session
    for record in answered:
        order += [
            s for s in list(record.get("skills") or []) + list(record.get("missed") or []) if s not in order
        ]
    strengths = sorted(
        (s for s in asked if shown[s]), key=lambda s: (-shown[s] / asked[s], -shown[s], order.index(s))
    )
    gaps = sorted(
        (s for s in asked if shown[s] < asked[s]),
        key=lambda s: (shown[s] / asked[s], -asked[s], order.index(s)),
    )
    summary.strengths = [(s, shown[s], asked[s]) for s in strengths[:TOP]]
    summary.to_work_on = [(s, shown[s], asked[s]) for s in gaps[:TOP]]
    if missing_parts:
        part, times = missing_parts.most_common(1)[0]
        if times >= 2 or len(answered) == 1:
            summary.weak_part = (part, times)
    summary.weakest = gaps[0] if gaps else None
    return summary


def _times(shown: int, asked: int) -> str:
    return f"shown in {shown} of the {asked} answer{'s' if asked != 1 else ''} that called for it"


def render(
    kb: Knowledge, bank: Bank, summary: Summary, stopped: bool, style: str | None = None
) -> tuple[str, list[Button]]:
    """The closing message and its buttons."""
    stages_fact = kb.fact("recruitment_stages")
    stages = f"{stages_fact.text} ({kb.sources[stages_fact.source].title})"
    if style == "pso":
        # The stages are the PQiP's (003); no page describes how PSOs are recruited.
        stages = f"the pages don't describe how PSO posts are recruited. For the PQiP: {stages}"
    honest = (
        "This was practice feedback built from the skills the pages list; the pages don't "
        "say how the real stages are scored, so it isn't a prediction of your result."
    )
    if summary.answered == 0:
        opening = "Practice stopped." if stopped else "That's the end of the practice."
        text = (
            f"{opening} You didn't answer any questions this time, so there's nothing to sum up. "
            f"You can start again whenever you like.\n\nFor the real thing: {stages}"
        )
        return text, [PRACTISE_AGAIN, CHECK_ELIGIBILITY]

    done = "Practice stopped" if stopped else "That's the end of the practice"
    skipped = f", {summary.skipped} skipped" if summary.skipped else ""
    lines = [f"{done}: {summary.answered} answered{skipped}. Here is how it went."]
    if summary.strengths:
        lines.append("Strengths:")
        lines += [f"- {bank.skills[s].label}: {_times(n, of)}." for s, n, of in summary.strengths]
    lines.append("Areas to work on:")
    if summary.to_work_on:
        lines += [
            f"- {bank.skills[s].label}: {_times(n, of)}. Next time, {bank.skills[s].tip} {GENERAL_GUIDANCE}"
            for s, n, of in summary.to_work_on
        ]
    if summary.weak_part:
        part, times = summary.weak_part
        lines.append(
            f"- Structure: {bank.parts[part].label} was missing from {times} of "
            f"{summary.answered} answer{'s' if summary.answered != 1 else ''}. "
            f"{bank.parts[part].missing_tip}"
        )
    if not summary.to_work_on and not summary.weak_part:
        lines.append("- Nothing stood out: keep practising aloud, with new examples.")
    lines.append("")
    lines.append(f"For the real thing: {stages} {honest}")
    buttons = [PRACTISE_AGAIN, CHECK_ELIGIBILITY]
    if summary.weakest:
        lines.append(
            f"Want another go at {bank.skills[summary.weakest].name.lower()}, your weakest area this time?"
        )
        buttons.insert(0, focus_button(bank, summary.weakest))
    return "\n".join(lines), buttons
