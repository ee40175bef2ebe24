"""What the console's helpline pages show, over the tracker store (read-only) and
the console's own database: a card by reference code, the follow-up list, and
"handled" marks with an adviser's note.

The cards are `bot.helpline.card`'s, found and listed by `bot.helpline.triage`'s
readers, so the console shows the same content under the same privacy rules as
`make triage`. A card is shown field by field from `Card.as_dict()`, so a field
the card gains later is shown without a change here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from bot.helpline import reference, tracker_events
from bot.helpline.card import Card, build_card, short_time
from bot.helpline.triage import conversations_with_code, recent_cards
from bot.knowledge import Knowledge
from bot.staff import audit
from bot.staff.store import StaffDB

NOTE_CHARS = 500
FOLLOW_UP_LIMIT = 50

# How the console labels the card's fields; any other field gets its own name, spelled out.
LABELS = {
    "first_message": "First message",
    "last_message": "Last message",
    "channel": "Channel",
    "visitor_messages": "Visitor messages",
    "handoff_requested": "Asked for a person",
    "needs_person": "Needs a person",
    "needs_person_because": "Why it needs a person",
    "facts": "Told the bot",
    "eligibility": "Eligibility",
    "topics": "Topics asked",
    "interview_practice": "Interview practice",
    "unanswered_questions": "Questions the bot could not answer",
    "next_steps": "Suggested next steps",
    "status": "Status",
    "outcome": "Outcome",
    "headline": "Headline",
    "route": "Route",
    "length_months": "Length (months)",
    "reasons": "Why",
    "still_to_ask": "Still to ask",
    "to_confirm": "To confirm",
}


class NotACode(ValueError):
    """What was typed cannot be a reference code."""


@dataclass(frozen=True)
class Mark:
    note: str
    account: str
    at: float


@dataclass(frozen=True)
class FollowUp:
    card: Card
    mark: Mark | None  # the newest mark, if any

    @property
    def handled(self) -> bool:
        """Marked handled after the conversation's last message."""
        return self.mark is not None and self.mark.at >= (self.card.last_timestamp or 0)


def label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def shown_value(value: Any) -> Any:
    """A card value as the page shows it: yes/no, text, a list or labelled pairs."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, dict):
        return [(label(k), shown_value(v)) for k, v in value.items() if v not in (None, [], "")]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


_TIMES = {"first_message", "last_message"}  # ISO times on the card, shown as the terminal shows them


def card_fields(card: Card) -> list[tuple[str, Any]]:
    """(label, value) for every field the card holds but its code."""
    return [
        (label(k), short_time(v) if k in _TIMES and v else shown_value(v))
        for k, v in card.as_dict().items()
        if k != "code"
    ]


@contextmanager
def tracker_store() -> Iterator[Connection | None]:
    """The tracker store the bot writes, read-only: $TRACKER_DB_URL (the scale-out
    profile's PostgreSQL, password from $PGPASSWORD) or the SQLite file $TRACKER_DB.
    None while nothing is stored yet."""
    url_text = os.environ.get("TRACKER_DB_URL")
    try:
        if url_text:
            conn = tracker_events.connect_url(tracker_events.parse_url(url_text))
        else:
            conn = tracker_events.connect(tracker_events.default_db())
    except tracker_events.StoreMissing:
        yield None
        return
    with conn:
        yield conn if tracker_events.has_events(conn) else None


def lookup(conn: Connection | None, typed: str, kb: Knowledge) -> tuple[str, list[Card]]:
    """(the code, the cards of the conversations carrying it, newest first)."""
    code = reference.normalise(typed)
    if code is None:
        raise NotACode(typed)
    if conn is None:
        return code, []
    return code, [build_card(events, kb) for events in conversations_with_code(conn, code)]


def marks(db: StaffDB, code: str) -> list[Mark]:
    """Handled marks for a code, newest first."""
    with db.connect() as conn:
        rows = conn.execute(
            "SELECT note, account, at FROM handled WHERE code = ? ORDER BY at DESC, id DESC", (code,)
        ).fetchall()
    return [Mark(*row) for row in rows]


def mark_handled(db: StaffDB, code: str, note: str, account: str, now: float | None = None) -> Mark:
    """Mark the conversation(s) with this code handled, with a short note (one line,
    at most NOTE_CHARS). ValueError for a blank note or a code that is not one."""
    if not reference.is_code(code):
        raise NotACode(code)
    note = " ".join(note.split())
    if not note:
        raise ValueError("write a short note saying what was done")
    note = note[:NOTE_CHARS]
    now = time.time() if now is None else now
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO handled (code, note, account, at) VALUES (?, ?, ?, ?)", (code, note, account, now)
        )
    audit.record(db, account, "mark_handled", code, now)  # the note itself stays out of the log
    return Mark(note, account, now)


def follow_up(
    conn: Connection | None, db: StaffDB, kb: Knowledge, limit: int = FOLLOW_UP_LIMIT
) -> tuple[list[FollowUp], list[FollowUp], int]:
    """(open, handled, how many needed a person without a code): the conversations
    that need a person, newest first, split by whether they were marked handled
    since their last message."""
    if conn is None:
        return [], [], 0
    cards, without_code = recent_cards(conn, limit, kb)
    rows = []
    for card in cards:
        found = marks(db, card.code) if card.code else []
        rows.append(FollowUp(card, found[0] if found else None))
    return [r for r in rows if not r.handled], [r for r in rows if r.handled], without_code
