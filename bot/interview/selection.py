"""Which questions a practice session asks: plain Python, no Rasa.

A session mixes the three kinds (one motivational to open, then situational
and behavioural in turn), prefers questions this visitor hasn't had yet, and
picks at random among the rest, so two sessions in a row differ. A focused
session ("practise the weakest again") asks the questions that probe one skill.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from bot.interview.bank import Bank, Question

SESSION_MIX = ("motivational", "situational", "behavioural", "situational", "behavioural")
FOCUSED_SESSION = 3


def _fresh_first(candidates: Sequence[Question], asked: Iterable[str], rng: random.Random) -> list[Question]:
    """The candidates shuffled, those not asked before first."""
    done = set(asked)
    fresh = [q for q in candidates if q.id not in done]
    stale = [q for q in candidates if q.id in done]
    rng.shuffle(fresh)
    rng.shuffle(stale)
    return fresh + stale


def plan_session(
    bank: Bank,
    style: str,
    rng: random.Random | None = None,
    asked: Iterable[str] = (),
    focus: str | None = None,
) -> list[str]:
    """Question ids for one session of `style`, in the order they are asked."""
    rng = rng or random.Random()
    asked = list(asked)
    if focus in bank.skills:
        probing = [q for q in bank.questions.values() if focus in q.skills]
        own_style = [q for q in probing if style in q.styles]
        other = [q for q in probing if style not in q.styles]
        ordered = _fresh_first(own_style, asked, rng) + _fresh_first(other, asked, rng)
        return [q.id for q in ordered[:FOCUSED_SESSION]]

    in_style = [q for q in bank.questions.values() if style in q.styles]
    pools = {
        kind: _fresh_first([q for q in in_style if q.kind == kind], asked, rng) for kind in set(SESSION_MIX)
    }
    plan: list[str] = []
    for kind in SESSION_MIX:
        if pools[kind]:
            plan.append(pools[kind].pop(0).id)
    return plan
