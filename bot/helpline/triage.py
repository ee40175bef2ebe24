"""The helpline's command line: a conversation's triage card by reference code,
the conversations that need a person, and purging old ones.

    python -m bot.helpline.triage PC-7K3QX [--json]     the card for a reference code
    python -m bot.helpline.triage --recent 20 [--json]  conversations that need a person
    python -m bot.helpline.triage --purge-older-than 90 delete conversations idle that long
    (--db PATH for SQLite, default $TRACKER_DB or var/tracker.db;
     --db-url URL for any SQL store, default $TRACKER_DB_URL, e.g.
     postgresql://rasa@127.0.0.1:5461/rasa with the password in $PGPASSWORD)

The card itself is built in `card.py` from the conversation as `turns.py` reads
it; callers that need the card or the turns import those modules.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.helpline import reference, tracker_events
from bot.helpline.card import Card, build_card, render, short_time
from bot.helpline.tracker_events import StoreMissing, connect, connect_url
from bot.helpline.turns import message_times
from bot.knowledge import Knowledge, load_knowledge

# --- the tracker store (bot/helpline/tracker_events.py: SQLite or PostgreSQL) -------------------


def conversations_with_code(conn: Connection, code: str) -> list[list[dict[str, Any]]]:
    """Events of every conversation given `code`, newest first (two sharing a code is
    possible, 1 in 17 million per pair, and then the adviser sees both)."""
    senders = []
    for sender_id, event in tracker_events.slot_events_containing(conn, code):
        if event.get("name") == reference.SLOT and event.get("value") == code and sender_id not in senders:
            senders.append(sender_id)
    conversations = [tracker_events.events(conn, s) for s in senders]
    return sorted(conversations, key=lambda evs: max(message_times(evs), default=0), reverse=True)


def recent_cards(conn: Connection, limit: int, kb: Knowledge | None = None):
    """(cards of the newest `limit` conversations with a code that need a person,
    how many others needed a person but were never given a code)."""
    kb = kb or load_knowledge()
    cards: list[Card] = []
    without_code = 0
    for sender_id in tracker_events.senders_newest_first(conn):
        card = build_card(tracker_events.events(conn, sender_id), kb)
        if not card.needs_person:
            continue
        if card.code is None:
            without_code += 1
        elif len(cards) < limit:
            cards.append(card)
    return cards, without_code


def purge(conn: Connection, days: int, now: float | None = None) -> tuple:
    """Delete every event of the conversations whose last event is older than `days`.
    Returns (conversations, events) deleted."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    old = tracker_events.senders_idle_since(conn, cutoff)
    return len(old), tracker_events.delete_conversations(conn, old)


# --- command line ---------------------------------------------------------------------


def _recent_line(card: Card) -> str:
    return f"{card.code}  {short_time(card.last_message)}  {'; '.join(card.needs_person_because)}"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.helpline.triage",
        description="Helpline triage: the card for a reference code, the follow-up list, purging.",
    )
    parser.add_argument("code", nargs="*", help="reference code, e.g. PC-7K3QX")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--recent", type=_positive, metavar="N", help="the newest N conversations that need a person"
    )
    parser.add_argument(
        "--purge-older-than",
        type=_positive,
        metavar="DAYS",
        help="delete conversations whose last message is older than DAYS days",
    )
    tracker_events.add_store_arguments(parser)
    args = parser.parse_args(argv)
    args.code = " ".join(args.code) or None  # "pc 7k3qx" may arrive as two words
    chosen = [x for x in (args.code, args.recent, args.purge_older_than) if x is not None]
    if len(chosen) != 1:
        parser.print_usage(sys.stderr)
        print("Give one of: a reference code, --recent N, or --purge-older-than DAYS.", file=sys.stderr)
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
            print(
                f"{args.code!r} is not a reference code: codes look like PC-7K3QX "
                f"(PC- and {reference.LENGTH} letters or digits).",
                file=sys.stderr,
            )
            return 1
    write = args.purge_older_than is not None
    try:
        conn = connect_url(url, write) if url else connect(db, write)
    except StoreMissing as missing:
        print(
            f"No conversations stored yet: {missing} does not exist "
            "(the bot creates it with its first conversation).",
            file=sys.stderr,
        )
        return 1 if code else 0
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not open the tracker store {shown}: {tracker_events.reason(exc)}", file=sys.stderr)
        return 1

    try:
        with conn:
            return _run(args, conn, code, shown)
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not read the tracker store {shown}: {tracker_events.reason(exc)}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, conn: Connection, code: str | None, shown: str) -> int:
    if not tracker_events.has_events(conn):
        print(f"No conversations stored yet in {shown}.", file=sys.stderr)
        return 1 if code else 0
    if args.purge_older_than is not None:
        conversations, events = purge(conn, args.purge_older_than)
        print(
            f"Deleted {conversations} conversation{'s' if conversations != 1 else ''} "
            f"({events} events) with no message in the last {args.purge_older_than} days."
        )
        return 0
    kb = load_knowledge()
    if args.recent is not None:
        cards, without_code = recent_cards(conn, args.recent, kb)
        if args.json:
            print(
                json.dumps(
                    {
                        "conversations": [c.as_dict() for c in cards],
                        "needing_a_person_without_code": without_code,
                    },
                    indent=2,
                )
            )
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
    assert code is not None  # the one choice left
    conversations = conversations_with_code(conn, code)
    if not conversations:
        print(
            f"No conversation has the reference {code}. Check the code with the caller "
            "(conversations are deleted after the retention period).",
            file=sys.stderr,
        )
        return 1
    cards = [build_card(events, kb) for events in conversations]
    if args.json:
        payload: Any = cards[0].as_dict() if len(cards) == 1 else [c.as_dict() for c in cards]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    if len(cards) > 1:
        print(f"{len(cards)} conversations carry {code}, newest first: ask the caller when they chatted.\n")
    print("\n\n".join(render(c) for c in cards))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
