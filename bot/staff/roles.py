"""Who may see what in the staff console."""

from __future__ import annotations

CARD = "card"  # look up a triage card, mark a conversation handled
FOLLOW_UP = "follow_up"  # the list of conversations that need a person
REPORT = "report"  # the insights report and its CSV tables
AUDIT = "audit"  # the audit log

ROLES: dict[str, frozenset[str]] = {
    "helpline": frozenset({CARD, FOLLOW_UP}),
    "recruitment": frozenset({REPORT}),
    "admin": frozenset({CARD, FOLLOW_UP, REPORT, AUDIT}),
}


def can(role: str | None, permission: str) -> bool:
    return permission in ROLES.get(role or "", frozenset())
