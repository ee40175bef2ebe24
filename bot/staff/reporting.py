"""The recruitment pages: `bot.insights.report` for a chosen period, and its
tables as CSV, over the same tracker store as the helpline pages."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.engine import Connection

from bot.helpline import tracker_events
from bot.insights import report
from bot.insights.tables import Table, all_tables, collect
from bot.knowledge import Knowledge

DEFAULT_DAYS = 30


class BadPeriod(ValueError):
    """A period the form cannot use (the message says why)."""


@dataclass(frozen=True)
class Period:
    since: date | None
    until: date | None

    @property
    def shown(self) -> str:
        return f"{self.since or 'the start'} to {self.until or 'today'}"

    def bounds(self) -> tuple[float | None, float | None]:
        """[since, until] as Unix times: UTC days, both included, as `make report`."""

        def unix(day: date) -> float:
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()

        return (
            unix(self.since) if self.since else None,
            unix(self.until + timedelta(days=1)) if self.until else None,
        )


def _day(text: str | None, field: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadPeriod(f"{field} is not a day: use YYYY-MM-DD") from None


def period(since: str | None, until: str | None, today: date | None = None, given: bool = True) -> Period:
    """The period from the form's fields; with nothing given at all, the last 30 days."""
    if not given:
        today = today or datetime.now(timezone.utc).date()
        return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)
    chosen = Period(_day(since, "From"), _day(until, "To"))
    if chosen.since and chosen.until and chosen.until < chosen.since:
        raise BadPeriod("To is before From")
    return chosen


def build(conn: Connection | None, chosen: Period, kb: Knowledge, store: str) -> tuple[str, list[Table]]:
    """(the report page, its tables) for the period."""
    since, until = chosen.bounds()
    conversations = tracker_events.conversations(conn, since, until) if conn is not None else iter(())
    return report.build(
        (events for _sender, events in conversations),
        kb,
        since=chosen.since.isoformat() if chosen.since else None,
        until=chosen.until.isoformat() if chosen.until else None,
        store=store,
    )


def table_list(kb: Knowledge) -> list[tuple[str, str]]:
    """(name, title) of every table the report has, whatever the period: for the
    download links, without reading the store."""
    return [(t.name, t.title) for t in all_tables(kb, collect([]))]


def _cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with = + - @ is quoted with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([_cell(v) for v in row] for row in table.rows)
    return out.getvalue()
