"""Staff accounts: creating, resetting and disabling them, and signing in.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's low-memory
profile); only the hash is stored. Signing in gives one answer for a wrong
password and an unknown or disabled account, so the message never says which
part was wrong, and an unknown name costs the same hashing time as a known one.

Repeated failures are slowed down per username (`throttle_wait`): after
FREE_FAILURES failures within WINDOW seconds, each further attempt must wait
2, 4, 8 ... seconds (at most MAX_WAIT) after the last failure, and an attempt
made sooner is refused without the password being checked, even a right one.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.staff import audit
from bot.staff.roles import ROLES
from bot.staff.store import StaffDB

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
MIN_PASSWORD = 12
MAX_PASSWORD = 256
FREE_FAILURES = 5
WINDOW = 15 * 60
MAX_WAIT = 300

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password anyone has: evens out the time for unknown names")


class AccountError(ValueError):
    """A name, role or password the console cannot accept (the message says why)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    disabled: bool


@dataclass(frozen=True)
class SignIn:
    account: Account | None  # None: refused
    wait: int = 0  # seconds to wait before trying again, when throttled

    @property
    def throttled(self) -> bool:
        return self.wait > 0


def check_name(name: str) -> str:
    name = name.strip().lower()
    if not NAME.match(name):
        raise AccountError(
            "a username is 1 to 40 lower-case letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")
    if not password.strip():
        raise AccountError("a password cannot be only spaces")
    return password


def set_account(db: StaffDB, name: str, role: str, password: str, now: float | None = None) -> Account:
    """Create the account, or reset its role and password (and enable it again). Its
    open sessions end and its failed sign-ins are forgotten."""
    name = check_name(name)
    if role not in ROLES:
        raise AccountError(f"a role is one of: {', '.join(ROLES)}")
    hashed = _hasher.hash(check_password(password))
    now = time.time() if now is None else now
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO accounts (name, role, password_hash, disabled, created, updated) "
            "VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT(name) DO UPDATE SET role = excluded.role, "
            "password_hash = excluded.password_hash, disabled = 0, updated = excluded.updated",
            (name, role, hashed, now, now),
        )
        conn.execute("DELETE FROM sessions WHERE account = ?", (name,))
        conn.execute("DELETE FROM failed_logins WHERE name_key = ?", (name_key(name),))
    audit.record(db, "(command line)", "account_set", f"{name} as {role}", now)
    return Account(name, role, False)


def disable(db: StaffDB, name: str, now: float | None = None) -> bool:
    """Disable the account and end its sessions; False if there is no such account."""
    name = check_name(name)
    with db.connect() as conn:
        changed = conn.execute(
            "UPDATE accounts SET disabled = 1, updated = ? WHERE name = ?",
            (time.time() if now is None else now, name),
        ).rowcount
        conn.execute("DELETE FROM sessions WHERE account = ?", (name,))
    if changed:
        audit.record(db, "(command line)", "account_disabled", name, now)
    return bool(changed)


def get(db: StaffDB, name: str) -> Account | None:
    with db.connect() as conn:
        row = conn.execute("SELECT name, role, disabled FROM accounts WHERE name = ?", (name,)).fetchone()
    return Account(row[0], row[1], bool(row[2])) if row else None


def listed(db: StaffDB) -> list[Account]:
    with db.connect() as conn:
        rows = conn.execute("SELECT name, role, disabled FROM accounts ORDER BY name").fetchall()
    return [Account(r[0], r[1], bool(r[2])) for r in rows]


def _normalised(typed: str) -> str:
    return typed.strip().lower()[:64]


def name_key(typed: str) -> str:
    """The key failures are counted under: a hash of the name as typed, normalised,
    so a password typed in the username field is never stored."""
    return hashlib.sha256(_normalised(typed).encode()).hexdigest()


def shown_name(typed: str) -> str:
    """A typed username as the audit log may hold it: anything that cannot be a
    username (a password typed in the wrong field, say) is not written down."""
    name = _normalised(typed)
    return name if NAME.match(name) else "(not a valid username)"


def throttle_wait(failures: list[float], now: float) -> int:
    """Seconds still to wait before another attempt, given the times of recent failures."""
    recent = sorted(t for t in failures if now - t < WINDOW)
    if len(recent) < FREE_FAILURES:
        return 0
    wait = min(2 ** (len(recent) - FREE_FAILURES + 1), MAX_WAIT)
    left = recent[-1] + wait - now
    return max(int(left + 0.999), 0)


def _failures(db: StaffDB, key: str, now: float) -> list[float]:
    with db.connect() as conn:
        conn.execute("DELETE FROM failed_logins WHERE at < ?", (now - WINDOW,))
        return [at for (at,) in conn.execute("SELECT at FROM failed_logins WHERE name_key = ?", (key,))]


def sign_in(db: StaffDB, typed_name: str, password: str, now: float | None = None) -> SignIn:
    """Check a sign-in; failures and refusals are counted and written to the audit log."""
    now = time.time() if now is None else now
    key = name_key(typed_name)
    wait = throttle_wait(_failures(db, key, now), now)
    if wait:
        audit.record(db, shown_name(typed_name), "login_throttled", "", now)
        return SignIn(None, wait)
    with db.connect() as conn:
        row = conn.execute(
            "SELECT name, role, disabled, password_hash FROM accounts WHERE name = ?",
            (_normalised(typed_name),),
        ).fetchone()
    stored = row[3] if row else _DUMMY_HASH
    try:
        ok = _hasher.verify(stored, password[:MAX_PASSWORD]) and row is not None and not row[2]
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None:
        with db.connect() as conn:
            conn.execute("INSERT INTO failed_logins (name_key, at) VALUES (?, ?)", (key, now))
        audit.record(db, shown_name(typed_name), "login_failed", "", now)
        return SignIn(None, 0)
    if _hasher.check_needs_rehash(stored):
        with db.connect() as conn:
            conn.execute(
                "UPDATE accounts SET password_hash = ? WHERE name = ?", (_hasher.hash(password), row[0])
            )
    with db.connect() as conn:
        conn.execute("DELETE FROM failed_logins WHERE name_key = ?", (key,))
    audit.record(db, row[0], "login", "", now)
    return SignIn(Account(row[0], row[1], False))
