"""The audit log: who viewed which card, who marked what handled, who downloaded
what, sign-ins and failed sign-ins, with times.

An entry names an action and its target (a reference code, a period, a table
name, a username), never card content, a note's text or a password. Entries are
kept for $STAFF_AUDIT_DAYS days (default 365) and then deleted (`purge`, run by
the console when it starts and every hour).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from bot.staff.store import StaffDB

DEFAULT_DAYS = 365
TARGET_CHARS = 80

# Every action the log can hold, with how the console words it.
ACTIONS = {
    "login": "signed in",
    "login_failed": "failed sign-in",
    "login_throttled": "sign-in refused: too many failures",
    "logout": "signed out",
    "session_expired": "session expired",
    "view_card": "viewed the card",
    "card_not_found": "looked up a code with no conversation",
    "mark_handled": "marked handled",
    "view_follow_up": "viewed the follow-up list",
    "view_report": "viewed the report",
    "download_csv": "downloaded CSV",
    "view_audit": "viewed the audit log",
    "account_set": "account created or reset",
    "account_disabled": "account disabled",
    "csrf_refused": "form refused: missing or wrong CSRF token",
    "forbidden": "refused: role does not allow",
}


@dataclass(frozen=True)
class Entry:
    at: float
    account: str
    action: str
    target: str

    @property
    def wording(self) -> str:
        return ACTIONS.get(self.action, self.action)


def retention_days() -> int:
    try:
        days = int(os.environ.get("STAFF_AUDIT_DAYS") or DEFAULT_DAYS)
    except ValueError:
        return DEFAULT_DAYS
    return max(days, 1)


def record(db: StaffDB, account: str, action: str, target: str = "", now: float | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO audit (at, account, action, target) VALUES (?, ?, ?, ?)",
            (time.time() if now is None else now, account[:TARGET_CHARS], action, target[:TARGET_CHARS]),
        )


def recent(db: StaffDB, limit: int = 200) -> list[Entry]:
    """The newest entries first."""
    with db.connect() as conn:
        rows = conn.execute(
            "SELECT at, account, action, target FROM audit ORDER BY at DESC, id DESC LIMIT ?", (limit,)
        ).fetchall()
    return [Entry(*row) for row in rows]


def purge(db: StaffDB, days: int | None = None, now: float | None = None) -> int:
    """Delete entries older than `days` (default $STAFF_AUDIT_DAYS); returns how many."""
    cutoff = (time.time() if now is None else now) - (days or retention_days()) * 86400
    with db.connect() as conn:
        return conn.execute("DELETE FROM audit WHERE at < ?", (cutoff,)).rowcount
