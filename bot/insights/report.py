"""The recruitment team's report over the tracker store (SQLite or PostgreSQL).

    python -m bot.insights.report [--since 2026-11-01] [--until 2026-11-30]
        [--out var/report.html] [--csv DIR] [--db PATH | --db-url URL]

`make report` writes var/report.html from var/tracker.db; `make report SCALED=1`
from the scale-out profile's PostgreSQL. A conversation belongs to the day of
its first event; --since and --until are UTC days, both included. The page is
self-contained (inline CSS and SVG, no script, nothing fetched), so it can be
mailed or opened offline; --csv writes the same tables for a spreadsheet.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from bot.helpline import tracker_events
from bot.helpline.tracker_events import ROOT, StoreMissing, connect, connect_url
from bot.insights import render
from bot.insights.conversations import helpline_pattern, read_conversation
from bot.insights.tables import Insights, Table, all_tables, collect
from bot.knowledge import Knowledge, load_knowledge

DEFAULT_OUT = ROOT / "var" / "report.html"


def insights_from(event_lists: Iterable[Sequence[Mapping]], kb: Knowledge) -> Insights:
    helpline = helpline_pattern(kb)
    return collect(read_conversation(events, kb, helpline) for events in event_lists)


def build(
    event_lists: Iterable[Sequence[Mapping]],
    kb: Knowledge | None = None,
    since: str | None = None,
    until: str | None = None,
    store: str = "the tracker store",
) -> tuple[str, list[Table]]:
    """(the HTML page, its tables) from conversations' events."""
    kb = kb or load_knowledge()
    ins = insights_from(event_lists, kb)
    tables = all_tables(kb, ins)
    return render.page(ins, tables, kb, since, until, store), tables


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: use YYYY-MM-DD") from None


def _unix(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.insights.report",
        description="What visitors asked and what the bot missed: a self-contained HTML "
        "report (and CSV tables) over the tracker store.",
    )
    parser.add_argument(
        "--since", type=_day, metavar="YYYY-MM-DD", help="conversations started on or after this day (UTC)"
    )
    parser.add_argument(
        "--until", type=_day, metavar="YYYY-MM-DD", help="conversations started on or before this day (UTC)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"the HTML file to write (default: {DEFAULT_OUT.relative_to(ROOT)})",
    )
    parser.add_argument("--csv", type=Path, metavar="DIR", help="also write each table as DIR/<table>.csv")
    tracker_events.add_store_arguments(parser)
    args = parser.parse_args(argv)
    if args.since and args.until and args.until < args.since:
        parser.error("--until is before --since")
    try:
        url, db, shown = tracker_events.store_from_arguments(args)
    except ValueError as bad:
        print(bad, file=sys.stderr)
        return 2
    try:
        conn = connect_url(url) if url else connect(db)
    except StoreMissing as missing:
        print(
            f"No conversations stored yet: {missing} does not exist "
            "(the bot creates it with its first conversation).",
            file=sys.stderr,
        )
        return 1
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not open the tracker store {shown}: {tracker_events.reason(exc)}", file=sys.stderr)
        return 1
    since = _unix(args.since) if args.since else None
    until = _unix(args.until + timedelta(days=1)) if args.until else None
    started = time.perf_counter()
    try:
        with conn:
            stored = tracker_events.has_events(conn)
            page, tables = build(
                (
                    events
                    for _sender, events in (
                        tracker_events.conversations(conn, since, until) if stored else []
                    )
                ),
                since=args.since and args.since.isoformat(),
                until=args.until and args.until.isoformat(),
                store=shown,
            )
    except sa.exc.SQLAlchemyError as exc:
        print(f"Could not read the tracker store {shown}: {tracker_events.reason(exc)}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"Wrote {args.out} ({time.perf_counter() - started:.1f} s)")
    if args.csv:
        written = render.write_csv(tables, args.csv)
        print(f"Wrote {len(written)} CSV tables to {args.csv}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
