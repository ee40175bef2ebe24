"""What one message sent to a form did, as plain data: the turn both form
conversations return (bot/eligibility/dialogue.py, bot/interview/dialogue.py).

The form's validation action (actions/adapter.py `DialogueForm`) turns it into
Rasa's events: nothing at all for a digression (the form rejects the message
and a rule answers it), otherwise the replies, a slot event per update and the
slot to ask next (None ends the form).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.replies import Reply


@dataclass
class FormTurn:
    """What one message did: slot updates, messages to show, what to ask next."""

    updates: dict[str, Any] = field(default_factory=dict)
    replies: list[Reply] = field(default_factory=list)
    next_slot: str | None = None
    digression: bool = False  # a question to answer first: nothing read, a rule answers it
