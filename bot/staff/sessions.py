"""Signed-in sessions and CSRF tokens.

A session is a random token (256 bits) in an HttpOnly, SameSite=Strict cookie;
the database keeps only its SHA-256, with the account, the session's CSRF token
and when it was last used. A session unused for $STAFF_IDLE_MINUTES (default
30) or older than MAX_AGE ends; disabling or resetting an account ends its
sessions. Every form that changes anything carries the session's CSRF token;
the sign-in form, before any session exists, carries a token that must match a
cookie of its own (double submit).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from bot.staff.accounts import Account
from bot.staff.store import StaffDB

COOKIE = "staff_session"
LOGIN_COOKIE = "staff_login"
DEFAULT_IDLE_MINUTES = 30
MAX_AGE = 12 * 3600


@dataclass(frozen=True)
class Session:
    account: Account
    csrf: str


def idle_seconds() -> int:
    try:
        minutes = int(os.environ.get("STAFF_IDLE_MINUTES") or DEFAULT_IDLE_MINUTES)
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return max(minutes, 1) * 60


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def start(db: StaffDB, account: Account, now: float | None = None) -> str:
    """A new session for a signed-in account; returns the token for the cookie."""
    now = time.time() if now is None else now
    token = new_token()
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO sessions (token_hash, account, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)",
            (_digest(token), account.name, new_token(), now, now),
        )
    return token


def current(db: StaffDB, token: str | None, now: float | None = None) -> Session | None:
    """The session a cookie names, if it is still valid (and then it counts as used now)."""
    if not token or len(token) > 100:
        return None
    now = time.time() if now is None else now
    digest = _digest(token)
    with db.connect() as conn:
        row = conn.execute(
            "SELECT a.name, a.role, a.disabled, s.csrf, s.created, s.last_seen "
            "FROM sessions s JOIN accounts a ON a.name = s.account WHERE s.token_hash = ?",
            (digest,),
        ).fetchone()
        if row is None:
            return None
        name, role, disabled, csrf, created, last_seen = row
        if disabled or now - last_seen > idle_seconds() or now - created > MAX_AGE:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest,))
            return None
        conn.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, digest))
    return Session(Account(name, role, False), csrf)


def end(db: StaffDB, token: str | None) -> None:
    if token:
        with db.connect() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))


def purge_expired(db: StaffDB, now: float | None = None) -> int:
    now = time.time() if now is None else now
    with db.connect() as conn:
        return conn.execute(
            "DELETE FROM sessions WHERE last_seen < ? OR created < ?", (now - idle_seconds(), now - MAX_AGE)
        ).rowcount


def same_token(expected: str | None, given: str | None) -> bool:
    """A CSRF token check: both present and equal (compared in constant time)."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
