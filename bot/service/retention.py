"""Retention that runs itself: the supervised `retention` part of `make run`
and `make run-scaled`.

Once at start and then every RETENTION_INTERVAL_SECONDS (a day), it deletes
the conversations idle longer than RETENTION_DAYS (90; deploy/limits.yml), as
`make purge` does (bot/helpline/triage.py's `purge`, SQLite's secure_delete),
and the staff audit log's entries older than STAFF_AUDIT_DAYS (365; its own
setting, bot/staff/audit.py), and logs both counts:

    retention: deleted 3 conversations (412 events) idle over 90 days; 0 audit entries over 365 days

The store is $TRACKER_DB_URL (the scale-out PostgreSQL) or $TRACKER_DB
(var/tracker.db). A store not reachable this time (PostgreSQL restarting, no
conversation yet) is logged and tried again at the next run, never a crash.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

import sqlalchemy as sa

from bot.helpline import tracker_events
from bot.helpline.triage import purge
from bot.service import settings
from bot.staff import audit
from bot.staff.store import StaffDB, default_path

logger = logging.getLogger("retention")
RETRY_SECONDS = 60.0  # after a store could not be reached


@dataclass
class Purged:
    conversations: int | None  # None: the store could not be reached
    events: int
    audit_entries: int | None


def purge_conversations(days: int, now: float | None = None) -> tuple[int, int] | None:
    url_text = os.environ.get("TRACKER_DB_URL")
    try:
        if url_text:
            conn = tracker_events.connect_url(tracker_events.parse_url(url_text), write=True)
        else:
            conn = tracker_events.connect(tracker_events.default_db(), write=True)
    except tracker_events.StoreMissing:
        return 0, 0  # nothing stored yet
    except (sa.exc.SQLAlchemyError, ValueError) as exc:
        logger.error("retention: could not open the tracker store: %s", tracker_events.reason(exc))
        return None
    try:
        with conn:
            if not tracker_events.has_events(conn):
                return 0, 0
            return purge(conn, days, now)
    except sa.exc.SQLAlchemyError as exc:
        logger.error("retention: could not purge the tracker store: %s", tracker_events.reason(exc))
        return None


def purge_audit(now: float | None = None) -> int | None:
    if not default_path().exists():
        return 0
    try:
        return audit.purge(StaffDB(), now=now)
    except Exception as exc:  # a locked or broken console database: next time
        logger.error("retention: could not purge the audit log: %s", type(exc).__name__)
        return None


def run_once(now: float | None = None) -> Purged:
    days = settings.retention_days()
    done = purge_conversations(days, now)
    audited = purge_audit(now)
    conversations, events = done if done is not None else (None, 0)
    logger.info(
        "retention: deleted %s conversation%s (%d events) idle over %d days; %s audit entr%s over %d days",
        "no" if conversations is None else conversations,
        "" if conversations == 1 else "s",
        events,
        days,
        "no" if audited is None else audited,
        "y" if audited == 1 else "ies",
        audit.retention_days(),
    )
    return Purged(conversations, events, audited)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    interval = settings.retention_interval()
    logger.info(
        "retention: every %g s, conversations idle over %d days, audit entries over %d days",
        interval,
        settings.retention_days(),
        audit.retention_days(),
    )
    while True:
        purged = run_once()
        failed = purged.conversations is None or purged.audit_entries is None
        time.sleep(min(interval, RETRY_SECONDS) if failed else interval)


if __name__ == "__main__":
    main()
