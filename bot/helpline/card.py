"""The helpline triage card: what a caller already told the bot, in one screen.

Plain Python, no Rasa. A card is built from a conversation's events (read by
`turns.py`), so the same code serves the adviser's terminal (`triage.py`, over
the tracker store) and `/triage` in `rasa shell` (the action's tracker).

Privacy: a card holds the structured facts the bot read (never free text the
visitor typed, except the questions it could not answer), never conviction
details (the bot never asks; an unanswered question that mentions them is
withheld), and never the sender id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bot.eligibility.fields import BY_NAME, FIELDS, profile_from
from bot.eligibility.rules import Assessment, assess, unconfirmed_qualification
from bot.helpline import reference
from bot.helpline.turns import (
    CHECK_STARTED_ACTIONS,
    VisitorTurn,
    answered_topic,
    message_times,
    slot_values,
    visitor_turns,
)
from bot.interview.bank import load_bank
from bot.knowledge import Knowledge, load_knowledge
from bot.limits import CARD_QUESTION_CHARS
from bot.rasa_names import Actions, Slots

CHANNELS = {"rest": "web chat", "cmdline": "rasa shell"}
# An unanswered question that mentions convictions is withheld from the card:
# the adviser sees that one was asked, not what it said.
_CONVICTION_WORDS = re.compile(
    r"convict|criminal record|police record|\bcaution|\boffen[cs]es?\b|\barrest|prison|\bjail"
    r"|custod|sentenc|\bcharged\b|\bdbs\b",
    re.IGNORECASE,
)
WITHHELD = "(a question about convictions: not shown)"


# --- the card -------------------------------------------------------------------------


@dataclass
class Eligibility:
    status: str  # assessed / started, not finished / not started
    outcome: str | None = None
    headline: str | None = None
    route: str | None = None
    length_months: int | None = None
    reasons: list[str] = field(default_factory=list)
    still_to_ask: list[str] = field(default_factory=list)
    to_confirm: list[str] = field(default_factory=list)


@dataclass
class Card:
    code: str | None
    first_message: str | None
    last_message: str | None
    last_timestamp: float | None
    channel: str | None
    visitor_messages: int
    facts: dict[str, str]
    eligibility: Eligibility
    topics: list[str]
    unanswered_questions: list[str]
    handoff_requested: bool
    needs_person_because: list[str]
    next_steps: list[str]
    interview_practice: str | None = None  # sessions and skills practised, never answers
    # The bot gave the safety reply (bot/safety/): flagged, the visitor's words never shown.
    safety_reply_given: bool = False

    @property
    def needs_person(self) -> bool:
        return bool(self.needs_person_because)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("last_timestamp")
        data["needs_person"] = self.needs_person
        return data


def _when(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def still_to_ask(name: str) -> str:
    """How the card names a question not answered yet."""
    known = BY_NAME.get(name)
    return known.still_to_ask if known and known.still_to_ask else name


def current_slots(kb: Knowledge, slots: Mapping[str, Any]) -> dict[str, Any]:
    """The slots as today's bot keeps them, for a conversation stored before.

    Until issue 13 the qualification was kept by its display name
    (`qualification_name`); now by its qualifications.yml id. A stored name is
    looked up once here, so older conversations still get their card.
    """
    if "qualification_id" in slots or not slots.get("qualification_name"):
        return dict(slots)
    row = next((q for q in kb.qualifications if q.name == slots["qualification_name"]), None)
    return {**slots, "qualification_id": row.id if row else None}


def _facts(kb: Knowledge, slots: Mapping[str, Any]) -> dict[str, str]:
    """What the visitor told the bot, as the bot read it (structured, never free text)."""
    profile = profile_from(slots)
    return {
        f.card_label: f.shown(slots[f.name], profile, kb) for f in FIELDS if slots.get(f.name) is not None
    }


def _qualification_to_confirm(kb: Knowledge, slots: Mapping[str, Any]) -> list[str]:
    row = unconfirmed_qualification(profile_from(slots), kb)
    if row is None:
        return []
    return [f"their {row.name}: counted as Level {row.level}, which the five source pages don't state"]


def _unsure_to_confirm(slots: Mapping[str, Any]) -> list[str]:
    """Answers the check left unsure (issue 21): the pages can't decide them, or the
    visitor wasn't sure after one confirming question."""
    return [f"their {still_to_ask(name)}: left unsure in the chat" for name in profile_from(slots).unsure()]


def _eligibility(kb: Knowledge, slots: Mapping[str, Any], turns: Sequence[VisitorTurn]) -> Eligibility:
    started = any(CHECK_STARTED_ACTIONS & set(t.actions) for t in turns)
    outcome = slots.get(Slots.ELIGIBILITY_OUTCOME)
    if not outcome:
        if not started:
            return Eligibility("not started")
        missing = assess(profile_from(slots), kb).missing
        return Eligibility("started, not finished", still_to_ask=[still_to_ask(m) for m in missing])
    # Route and reasons are recomputed from the stored answers: the same rules
    # that gave the visitor the outcome, so they need not be stored twice.
    assessment: Assessment = assess(profile_from(slots), kb)
    to_confirm = _qualification_to_confirm(kb, slots) + _unsure_to_confirm(slots)
    if assessment.outcome != outcome:  # knowledge/ changed since the chat
        to_confirm.append(f"the outcome: the bot said {outcome}, today's rules give {assessment.outcome}")
    return Eligibility(
        "assessed",
        outcome=outcome,
        headline=assessment.headline,
        route=assessment.route,
        length_months=assessment.length_months,
        reasons=[f"{r.text} ({r.source_title})" for r in assessment.reasons],
        still_to_ask=[still_to_ask(m) for m in assessment.missing],
        to_confirm=to_confirm,
    )


def shown_question(text: str) -> str:
    """A question as staff may see it: on one line, cut if very long, withheld if it
    mentions convictions."""
    text = " ".join(text.split())
    if _CONVICTION_WORDS.search(text):
        return WITHHELD
    if len(text) > CARD_QUESTION_CHARS:
        return text[:CARD_QUESTION_CHARS].rstrip() + f"… (cut at {CARD_QUESTION_CHARS} characters)"
    return text


def _topics(kb: Knowledge, turns: Sequence[VisitorTurn]) -> list[str]:
    titles: list[str] = []
    for turn in turns:
        topic = answered_topic(kb, turn)
        if topic and topic.title not in titles:
            titles.append(topic.title)
    return titles


def _needs_person(
    handoff: bool, unanswered: Sequence[str], eligibility: Eligibility, safety: bool = False
) -> list[str]:
    why = ["safety reply given"] if safety else []
    if handoff:
        why.append("asked for a person")
    if unanswered:
        why.append(f"{len(unanswered)} unanswered question{'s' if len(unanswered) > 1 else ''}")
    if eligibility.status == "started, not finished" or eligibility.outcome == "incomplete":
        why.append("eligibility check not finished")
    if eligibility.to_confirm:
        why.append("qualification level to confirm")
    return why


def _next_steps(
    kb: Knowledge, handoff: bool, unanswered: Sequence[str], eligibility: Eligibility, safety: bool = False
) -> list[str]:
    steps = []
    if safety:
        steps.append(
            "If they get in touch, ask how they are before anything else: the bot gave them "
            "emergency and support contacts (999, Samaritans, NHS 111, domestic abuse helplines)."
        )
    if unanswered:
        steps.append("Answer the questions the bot could not (listed above).")
    if eligibility.still_to_ask:
        steps.append(
            "Finish the eligibility check with them: still to ask about "
            + ", ".join(eligibility.still_to_ask)
            + "."
        )
    for item in eligibility.to_confirm:
        steps.append(f"Confirm {item}.")
    if eligibility.status == "assessed" and not eligibility.still_to_ask:
        wording = kb.eligibility.outcomes.get(eligibility.outcome or "")
        first = wording.next_steps[:1] if wording else ()
        step = f"Talk through the outcome ({eligibility.outcome})"
        if first:
            step += ", starting with: " + first[0].text
        steps.append(step if step.endswith(".") else step + ".")
    if handoff and not steps:
        steps.append("Ask what they need: the chat holds no check and no unanswered question.")
    return steps or ["Nothing open from the chat."]


def _interview_practice(events: Sequence[Mapping[str, Any]]) -> str | None:
    """'2 sessions, 6 questions answered; skills practised: ...' from the session
    records (question ids and verdicts); the answers themselves never reach a card."""
    sessions: list[list[Mapping[str, Any]]] = []
    for event in events:
        if event.get("event") == "action" and event.get("name") == Actions.START_INTERVIEW:
            sessions.append([])
        elif (
            event.get("event") == "slot"
            and event.get("name") == Slots.INTERVIEW_RESULTS
            and sessions
            and isinstance(event.get("value"), list)
        ):
            sessions[-1] = event["value"]
    if not sessions:
        return None
    records = [r for session in sessions for r in session if isinstance(r, Mapping)]
    answered = sum(1 for r in records if not r.get("skipped"))
    skills = load_bank().practised_skills(records)
    line = (
        f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}, "
        f"{answered} question{'s' if answered != 1 else ''} answered"
    )
    return line + (f"; skills practised: {', '.join(skills)}" if skills else "")


def build_card(events: Sequence[Mapping[str, Any]], kb: Knowledge | None = None) -> Card:
    """The triage card of one conversation, from its events in order."""
    kb = kb or load_knowledge()
    turns = visitor_turns(events)
    slots = current_slots(kb, slot_values(events))
    code = slots.get(Slots.REFERENCE_CODE)
    times = message_times(events)
    unanswered = [shown_question(t.text) for t in turns if t.unanswered and t.text.strip()]
    handoff = any(Actions.HANDOFF in t.actions for t in turns)
    safety = any(Actions.SAFETY_REPLY in t.actions for t in turns)
    eligibility = _eligibility(kb, slots, turns)
    channel = next((t.channel for t in turns if t.channel), None)
    return Card(
        code=code if reference.is_code(code or "") else None,
        first_message=_when(min(times)) if times else None,
        last_message=_when(max(times)) if times else None,
        last_timestamp=max(times) if times else None,
        channel=CHANNELS.get(channel, channel) if channel else None,
        visitor_messages=len(turns),
        facts=_facts(kb, slots),
        eligibility=eligibility,
        topics=_topics(kb, turns),
        unanswered_questions=unanswered,
        handoff_requested=handoff,
        needs_person_because=_needs_person(handoff, unanswered, eligibility, safety),
        next_steps=_next_steps(kb, handoff, unanswered, eligibility, safety),
        interview_practice=_interview_practice(events),
        safety_reply_given=safety,
    )


def short_time(iso: str | None) -> str:
    return datetime.fromisoformat(iso).strftime("%d %b %Y %H:%M %Z").strip() if iso else "?"


def render(card: Card) -> str:
    """The card as text for a terminal or the shell."""
    lines = [f"Triage card {card.code or '(no reference code given yet)'}"]
    when = short_time(card.first_message)
    last = short_time(card.last_message)
    if card.last_message and last != when:
        same_day = last[:11] == when[:11]
        when = (when.rsplit(" ", 1)[0] + " to " + last[12:]) if same_day else f"{when} to {last}"
    via = f", {card.channel}" if card.channel else ""
    messages = f"{card.visitor_messages} visitor message{'' if card.visitor_messages == 1 else 's'}"
    lines.append(f"When: {when} ({messages}{via})")
    if card.safety_reply_given:
        lines.append("Safety reply given: yes (the visitor's words are not shown)")
    lines.append(f"Asked for a person: {'yes' if card.handoff_requested else 'no'}")
    lines.append("Told the bot:" if card.facts else "Told the bot: nothing about themselves")
    lines += [f"  - {label}: {value}" for label, value in card.facts.items()]
    e = card.eligibility
    if e.status == "assessed":
        length = f", about {e.length_months} months" if e.length_months else ""
        route = f" (route: {e.route}{length})" if e.route else ""
        lines.append(f"Eligibility: {e.outcome}{route}")
        lines.append(f"  {e.headline}")
        if e.reasons:
            lines.append("  Why:")
            lines += [f"  - {r}" for r in e.reasons]
    else:
        lines.append(f"Eligibility: {e.status}")
    if e.still_to_ask:
        lines.append("  Still to ask: " + ", ".join(e.still_to_ask))
    lines.append("Topics asked: " + ("; ".join(card.topics) if card.topics else "none"))
    if card.interview_practice:
        lines.append(f"Interview practice: {card.interview_practice}")
    if card.unanswered_questions:
        lines.append("Questions the bot could not answer:")
        lines += [f'  - "{q}"' if q != WITHHELD else f"  - {q}" for q in card.unanswered_questions]
    else:
        lines.append("Questions the bot could not answer: none")
    lines.append("Suggested next step:")
    lines += [f"  - {step}" for step in card.next_steps]
    return "\n".join(lines)
