"""The helpline triage card: what a caller already told the bot, in one screen.

Plain Python, no Rasa. A card is built from a conversation's events as Rasa
stores them (dicts: {"event": "user", "text": ..., "parse_data": ...}), so the
same code serves the adviser's terminal (events read from the tracker store,
SQLite or PostgreSQL: bot/helpline/tracker_events.py) and `/triage` in `rasa shell`
(events from the action's tracker).

    python -m bot.helpline.triage PC-7K3QX [--json]     the card for a reference code
    python -m bot.helpline.triage --recent 20 [--json]  conversations that need a person
    python -m bot.helpline.triage --purge-older-than 90 delete conversations idle that long
    (--db PATH for SQLite, default $TRACKER_DB or var/tracker.db;
     --db-url URL for any SQL store, default $TRACKER_DB_URL, e.g.
     postgresql://rasa@127.0.0.1:5461/rasa with the password in $PGPASSWORD)

Privacy: a card holds the structured facts the bot read (never free text the
visitor typed, except the questions it could not answer), never conviction
details (the bot never asks; an unanswered question that mentions them is
withheld), and never the sender id.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.helpline import reference, tracker_events
from bot.eligibility.rules import Assessment, assess
from bot.eligibility.dialogue import profile_from
from bot.interview.bank import load_bank
from bot.knowledge import Knowledge, Topic, load_knowledge
from bot.helpline.tracker_events import StoreMissing, connect, connect_url

TRIAGE_INTENT = "triage"
TRIAGE_ACTION = "action_show_triage"
UNANSWERED_ACTIONS = {"action_clarify", "action_default_fallback"}
HANDOFF_ACTION = "action_handoff"
FAQ_ACTION = "action_answer_faq"
TOPIC_SLOT = "last_topic"  # set by every answer (bot/conversation/answering.py), for follow-ups
GAP_SLOT = "last_gap"      # set when the answer was "the pages don't cover this"
CHECK_STARTED_ACTIONS = {"action_start_eligibility", "action_restart_eligibility"}
INTERVIEW_START_ACTION = "action_start_interview"
INTERVIEW_RESULTS_SLOT = "interview_results"
MAX_QUESTION_CHARS = 300
CHANNELS = {"rest": "web chat", "cmdline": "rasa shell"}

# An unanswered question that mentions convictions is withheld from the card:
# the adviser sees that one was asked, not what it said.
_CONVICTION_WORDS = re.compile(
    r"convict|criminal record|police record|\bcaution|\boffen[cs]es?\b|\barrest|prison|\bjail"
    r"|custod|sentenc|\bcharged\b|\bdbs\b",
    re.IGNORECASE)
WITHHELD = "(a question about convictions: not shown)"

FIELD_LABELS = {
    "age": "Age",
    "right_to_work": "Right to work in the UK",
    "nation": "Wants to work in",
    "qualification_level": "Highest qualification",
    "knowledge_areas": "Knowledge areas in their qualification",
    "knowledge_modules": "Knowledge modules completed or started",
    "experience": "Relevant experience",
    "level3_vq": "Relevant Level 3 VQ",
    "role": "Works as",
}
STILL_TO_ASK = {
    "age": "age",
    "right_to_work": "right to work in the UK",
    "nation": "where they want to work",
    "qualification_level": "highest qualification",
    "knowledge_areas": "knowledge areas in their qualification",
    "knowledge_modules": "knowledge modules completed or started",
    "experience": "relevant experience",
    "level3_vq": "relevant Level 3 vocational qualification",
}


# --- reading events -------------------------------------------------------------------

@dataclass
class VisitorTurn:
    """One visitor message and the actions the bot ran in reply."""
    text: str
    intent: Optional[str]
    timestamp: Optional[float]
    channel: Optional[str]
    actions: List[str] = field(default_factory=list)
    slots: Dict[str, Any] = field(default_factory=dict)  # slots the bot set in reply
    bot_texts: List[str] = field(default_factory=list)

    @property
    def unanswered(self) -> bool:
        """The bot could not tell what was meant, or said the pages don't cover it."""
        return bool(UNANSWERED_ACTIONS & set(self.actions) or self.slots.get(GAP_SLOT))


def visitor_turns(events: Iterable[Mapping[str, Any]]) -> List[VisitorTurn]:
    """The conversation as turns; `/triage` turns are left out (they are staff looking)."""
    turns: List[VisitorTurn] = []
    current: Optional[VisitorTurn] = None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            current = VisitorTurn(event.get("text") or "", intent, event.get("timestamp"),
                                  event.get("input_channel"))
            if intent != TRIAGE_INTENT:
                turns.append(current)
        elif kind == "action" and current is not None:
            name = event.get("name")
            if name and name != "action_listen":
                current.actions.append(name)
        elif kind == "slot" and current is not None:
            current.slots[event.get("name")] = event.get("value")
        elif kind == "bot" and current is not None and event.get("text"):
            current.bot_texts.append(event["text"])
    return turns


def fallbacks_in_a_row(events: Iterable[Mapping[str, Any]]) -> int:
    """For the clarifying action: the message being clarified now, plus the
    messages straight before it that the bot could not answer either."""
    turns = visitor_turns(events)
    count = 1 if turns else 0
    for turn in reversed(turns[:-1]):
        if not turn.unanswered:
            break
        count += 1
    return count


def slot_values(events: Iterable[Mapping[str, Any]]) -> Dict[str, Any]:
    """Each slot's last value; a conversation restart clears them all."""
    values: Dict[str, Any] = {}
    for event in events:
        if event.get("event") == "slot":
            values[event.get("name")] = event.get("value")
        elif event.get("event") == "restart":
            values = {}
    return values


def message_times(events: Iterable[Mapping[str, Any]]) -> List[float]:
    return [e["timestamp"] for e in events
            if e.get("event") in ("user", "bot") and isinstance(e.get("timestamp"), (int, float))]


# --- the card -------------------------------------------------------------------------

@dataclass
class Eligibility:
    status: str                      # assessed / started, not finished / not started
    outcome: Optional[str] = None
    headline: Optional[str] = None
    route: Optional[str] = None
    length_months: Optional[int] = None
    reasons: List[str] = field(default_factory=list)
    still_to_ask: List[str] = field(default_factory=list)
    to_confirm: List[str] = field(default_factory=list)


@dataclass
class Card:
    code: Optional[str]
    first_message: Optional[str]
    last_message: Optional[str]
    last_timestamp: Optional[float]
    channel: Optional[str]
    visitor_messages: int
    facts: Dict[str, str]
    eligibility: Eligibility
    topics: List[str]
    unanswered_questions: List[str]
    handoff_requested: bool
    needs_person_because: List[str]
    next_steps: List[str]
    interview_practice: Optional[str] = None   # sessions and skills practised, never answers

    @property
    def needs_person(self) -> bool:
        return bool(self.needs_person_because)

    def as_dict(self) -> Dict[str, Any]:
        data = asdict(self)
        data.pop("last_timestamp")
        data["needs_person"] = self.needs_person
        return data


def _when(timestamp: Optional[float]) -> Optional[str]:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def _facts(kb: Knowledge, slots: Mapping[str, Any]) -> Dict[str, str]:
    """What the visitor told the bot, as the bot read it (structured, never free text)."""
    def yes_no(value: Any) -> str:
        return "yes" if value else "no"

    nations = {n.id: n.name for n in kb.nations}
    roles = {r.id: r.name for r in kb.eligibility.roles}
    areas = kb.eligibility.area_count
    shown = {
        "age": lambda v: str(v),
        "right_to_work": yes_no,
        "nation": lambda v: nations.get(v, str(v)),
        "qualification_level": lambda v: (
            f"{slots.get('qualification_name')} (Level {v})" if slots.get("qualification_name")
            else ("none" if v == 0 else f"Level {v}")),
        "knowledge_areas": lambda v: f"{v} of {areas}",
        "knowledge_modules": lambda v: f"{v} of {areas}",
        "experience": yes_no,
        "level3_vq": yes_no,
        "role": lambda v: roles.get(v, str(v)),
    }
    return {FIELD_LABELS[name]: shown[name](slots[name])
            for name in FIELD_LABELS if slots.get(name) is not None}


def _qualification_to_confirm(kb: Knowledge, slots: Mapping[str, Any]) -> List[str]:
    row = next((q for q in kb.qualifications if q.name == slots.get("qualification_name")), None)
    if row is None or row.stated_on_page or row.level == 0:
        return []
    return [f"their {row.name}: counted as Level {row.level}, which the five source pages "
            "don't state"]


def _eligibility(kb: Knowledge, slots: Mapping[str, Any],
                 turns: Sequence[VisitorTurn]) -> Eligibility:
    started = any(CHECK_STARTED_ACTIONS & set(t.actions) for t in turns)
    outcome = slots.get("eligibility_outcome")
    if not outcome:
        if not started:
            return Eligibility("not started")
        missing = assess(profile_from(slots), kb).missing
        return Eligibility("started, not finished",
                           still_to_ask=[STILL_TO_ASK.get(m, m) for m in missing])
    # Route and reasons are recomputed from the stored answers: the same rules
    # that gave the visitor the outcome, so they need not be stored twice.
    assessment: Assessment = assess(profile_from(slots), kb)
    to_confirm = _qualification_to_confirm(kb, slots)
    if assessment.outcome != outcome:  # knowledge/ changed since the chat
        to_confirm.append(f"the outcome: the bot said {outcome}, today's rules give "
                          f"{assessment.outcome}")
    return Eligibility(
        "assessed",
        outcome=outcome,
        headline=assessment.headline,
        route=assessment.route,
        length_months=assessment.length_months,
        reasons=[f"{r.text} ({r.source_title})" for r in assessment.reasons],
        still_to_ask=[STILL_TO_ASK.get(m, m) for m in assessment.missing],
        to_confirm=to_confirm,
    )


def shown_question(text: str) -> str:
    """A question as staff may see it: on one line, cut if very long, withheld if it
    mentions convictions."""
    text = " ".join(text.split())
    if _CONVICTION_WORDS.search(text):
        return WITHHELD
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS].rstrip() + f"… (cut at {MAX_QUESTION_CHARS} characters)"
    return text


def answered_topic(kb: Knowledge, turn: VisitorTurn) -> Optional[Topic]:
    """The FAQ topic a turn answered: the `last_topic` slot the answer set, or (stores
    from before that slot) the topic of the intent that `action_answer_faq` answered."""
    if TOPIC_SLOT in turn.slots:  # the topic actually answered (a follow-up's, say)
        return kb.topics.get(turn.slots[TOPIC_SLOT] or "")
    # A fact-laden question that looked like an FAQ may open the check instead.
    answered = FAQ_ACTION in turn.actions and not CHECK_STARTED_ACTIONS & set(turn.actions)
    return kb.topic_for_intent(turn.intent or "") if answered else None


def _topics(kb: Knowledge, turns: Sequence[VisitorTurn]) -> List[str]:
    titles: List[str] = []
    for turn in turns:
        topic = answered_topic(kb, turn)
        if topic and topic.title not in titles:
            titles.append(topic.title)
    return titles


def _needs_person(handoff: bool, unanswered: Sequence[str], eligibility: Eligibility) -> List[str]:
    why = []
    if handoff:
        why.append("asked for a person")
    if unanswered:
        why.append(f"{len(unanswered)} unanswered question{'s' if len(unanswered) > 1 else ''}")
    if eligibility.status == "started, not finished" or eligibility.outcome == "incomplete":
        why.append("eligibility check not finished")
    if eligibility.to_confirm:
        why.append("qualification level to confirm")
    return why


def _next_steps(kb: Knowledge, handoff: bool, unanswered: Sequence[str],
                eligibility: Eligibility) -> List[str]:
    steps = []
    if unanswered:
        steps.append("Answer the questions the bot could not (listed above).")
    if eligibility.still_to_ask:
        steps.append("Finish the eligibility check with them: still to ask about "
                     + ", ".join(eligibility.still_to_ask) + ".")
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


def _interview_practice(events: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """'2 sessions, 6 questions answered; skills practised: ...' from the session
    records (question ids and verdicts); the answers themselves never reach a card."""
    sessions: List[List[Mapping[str, Any]]] = []
    for event in events:
        if event.get("event") == "action" and event.get("name") == INTERVIEW_START_ACTION:
            sessions.append([])
        elif (event.get("event") == "slot" and event.get("name") == INTERVIEW_RESULTS_SLOT
              and sessions and isinstance(event.get("value"), list)):
            sessions[-1] = event["value"]
    if not sessions:
        return None
    records = [r for session in sessions for r in session if isinstance(r, Mapping)]
    answered = sum(1 for r in records if not r.get("skipped"))
    skills = load_bank().practised_skills(records)
    line = (f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}, "
            f"{answered} question{'s' if answered != 1 else ''} answered")
    return line + (f"; skills practised: {', '.join(skills)}" if skills else "")


def build_card(events: Sequence[Mapping[str, Any]], kb: Optional[Knowledge] = None) -> Card:
    """The triage card of one conversation, from its events in order."""
    kb = kb or load_knowledge()
    turns = visitor_turns(events)
    slots = slot_values(events)
    code = slots.get(reference.SLOT)
    times = message_times(events)
    unanswered = [shown_question(t.text) for t in turns if t.unanswered and t.text.strip()]
    handoff = any(HANDOFF_ACTION in t.actions for t in turns)
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
        needs_person_because=_needs_person(handoff, unanswered, eligibility),
        next_steps=_next_steps(kb, handoff, unanswered, eligibility),
        interview_practice=_interview_practice(events),
    )


def _short_time(iso: Optional[str]) -> str:
    return datetime.fromisoformat(iso).strftime("%d %b %Y %H:%M %Z").strip() if iso else "?"


def render(card: Card) -> str:
    """The card as text for a terminal or the shell."""
    lines = [f"Triage card {card.code or '(no reference code given yet)'}"]
    when = _short_time(card.first_message)
    last = _short_time(card.last_message)
    if card.last_message and last != when:
        same_day = last[:11] == when[:11]
        when = (when.rsplit(" ", 1)[0] + " to " + last[12:]) if same_day else f"{when} to {last}"
    via = f", {card.channel}" if card.channel else ""
    messages = f"{card.visitor_messages} visitor message{'' if card.visitor_messages == 1 else 's'}"
    lines.append(f"When: {when} ({messages}{via})")
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


# --- the tracker store (bot/helpline/tracker_events.py: SQLite or PostgreSQL) -------------------

def conversations_with_code(conn: Connection, code: str) -> List[List[Dict[str, Any]]]:
    """Events of every conversation given `code`, newest first (two sharing a code is
    possible, 1 in 17 million per pair, and then the adviser sees both)."""
    senders = []
    for sender_id, event in tracker_events.slot_events_containing(conn, code):
        if event.get("name") == reference.SLOT and event.get("value") == code \
                and sender_id not in senders:
            senders.append(sender_id)
    conversations = [tracker_events.events(conn, s) for s in senders]
    return sorted(conversations, key=lambda evs: max(message_times(evs), default=0), reverse=True)


def recent_cards(conn: Connection, limit: int, kb: Optional[Knowledge] = None):
    """(cards of the newest `limit` conversations with a code that need a person,
    how many others needed a person but were never given a code)."""
    kb = kb or load_knowledge()
    cards, without_code = [], 0
    for sender_id in tracker_events.senders_newest_first(conn):
        card = build_card(tracker_events.events(conn, sender_id), kb)
        if not card.needs_person:
            continue
        if card.code is None:
            without_code += 1
        elif len(cards) < limit:
            cards.append(card)
    return cards, without_code


def purge(conn: Connection, days: int, now: Optional[float] = None) -> tuple:
    """Delete every event of the conversations whose last event is older than `days`.
    Returns (conversations, events) deleted."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    old = tracker_events.senders_idle_since(conn, cutoff)
    return len(old), tracker_events.delete_conversations(conn, old)


# --- command line ---------------------------------------------------------------------

def _recent_line(card: Card) -> str:
    return f"{card.code}  {_short_time(card.last_message)}  {'; '.join(card.needs_person_because)}"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.helpline.triage",
        description="Helpline triage: the card for a reference code, the follow-up list, purging.")
    parser.add_argument("code", nargs="*", help="reference code, e.g. PC-7K3QX")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--recent", type=_positive, metavar="N",
                        help="the newest N conversations that need a person")
    parser.add_argument("--purge-older-than", type=_positive, metavar="DAYS",
                        help="delete conversations whose last message is older than DAYS days")
    tracker_events.add_store_arguments(parser)
    args = parser.parse_args(argv)
    args.code = " ".join(args.code) or None  # "pc 7k3qx" may arrive as two words
    chosen = [x for x in (args.code, args.recent, args.purge_older_than) if x is not None]
    if len(chosen) != 1:
        parser.print_usage(sys.stderr)
        print("Give one of: a reference code, --recent N, or --purge-older-than DAYS.",
              file=sys.stderr)
        return 2
    try:
        url, db, shown = tracker_events.store_from_arguments(args)
    except ValueError as bad:
        print(bad, file=sys.stderr)
        return 2

    code = None
    if args.code is not None:
        code = reference.normalise(args.code)
        if code is None:
            print(f"{args.code!r} is not a reference code: codes look like PC-7K3QX "
                  f"(PC- and {reference.LENGTH} letters or digits).", file=sys.stderr)
            return 1
    write = args.purge_older_than is not None
    try:
        conn = connect_url(url, write) if url else connect(db, write)
    except StoreMissing as missing:
        print(f"No conversations stored yet: {missing} does not exist "
              "(the bot creates it with its first conversation).", file=sys.stderr)
        return 1 if code else 0
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not open the tracker store {shown}: {tracker_events.reason(exc)}",
              file=sys.stderr)
        return 1

    try:
        with conn:
            return _run(args, conn, code, shown)
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not read the tracker store {shown}: {tracker_events.reason(exc)}",
              file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, conn: Connection, code: Optional[str], shown: str) -> int:
    if not tracker_events.has_events(conn):
        print(f"No conversations stored yet in {shown}.", file=sys.stderr)
        return 1 if code else 0
    if args.purge_older_than is not None:
        conversations, events = purge(conn, args.purge_older_than)
        print(f"Deleted {conversations} conversation{'s' if conversations != 1 else ''} "
              f"({events} events) with no message in the last {args.purge_older_than} days.")
        return 0
    kb = load_knowledge()
    if args.recent is not None:
        cards, without_code = recent_cards(conn, args.recent, kb)
        if args.json:
            print(json.dumps({"conversations": [c.as_dict() for c in cards],
                              "needing_a_person_without_code": without_code}, indent=2))
            return 0
        if not cards:
            print("No conversations with a reference code need a person.")
        else:
            print("Newest first; `python -m bot.helpline.triage CODE` shows the card.")
            for card in cards:
                print(_recent_line(card))
        if without_code:
            print(f"({without_code} more needed a person but left before being given a code.)")
        return 0
    conversations = conversations_with_code(conn, code)
    if not conversations:
        print(f"No conversation has the reference {code}. Check the code with the caller "
              "(conversations are deleted after the retention period).", file=sys.stderr)
        return 1
    cards = [build_card(events, kb) for events in conversations]
    if args.json:
        payload: Any = cards[0].as_dict() if len(cards) == 1 else [c.as_dict() for c in cards]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    if len(cards) > 1:
        print(f"{len(cards)} conversations carry {code}, newest first: "
              "ask the caller when they chatted.\n")
    print("\n\n".join(render(c) for c in cards))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
