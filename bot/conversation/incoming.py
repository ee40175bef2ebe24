"""What the chat webhook accepts: plain Python, no Rasa, no web server.

The REST channel (channels/capped_rest.py) hands every request body here
before anything reaches NLU or the conversation. A body that is not a chat
message (not JSON, no sender, a message that is not text, far bigger than any
message) is refused with a 4xx and a one-line reason. A message too long to be
one question gets the clarifying fallback's friendly "too long" reply and is
not added to the conversation, so an eligibility check in progress carries on
with the next normal message.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.conversation.clarify import unusable_reply
from bot.knowledge import Knowledge
from bot.limits import MESSAGE_CHARS
from bot.replies import Reply

# Nobody types a question this long; text beyond it is a paste (bot/limits.py).
MAX_MESSAGE_CHARS = MESSAGE_CHARS
# A message at the limit is at most ~24 kB even with every character escaped
# as JSON (\uXXXX\uXXXX); anything far bigger is not a chat message.
MAX_BODY_BYTES = 64 * 1024
# The page and the harness use UUID-like ids; the tracker store keys on this.
MAX_SENDER_CHARS = 128


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    message: str
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class Refusal:
    """A request the webhook refuses: the HTTP status and a one-line reason."""

    status: int
    error: str

    def as_json(self) -> dict[str, str]:
        return {"error": self.error}


def _is_text(value: str) -> bool:
    """False for lone surrogates ("\\ud800" in JSON), which no real text contains."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sender_problem(sender: Any) -> str | None:
    if not isinstance(sender, str) or not sender.strip():
        return "sender must be a non-empty string"
    if len(sender) > MAX_SENDER_CHARS:
        return f"sender must be at most {MAX_SENDER_CHARS} characters"
    if not _is_text(sender) or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in sender):
        return "sender must not contain control or invisible characters"
    return None


def read_request(body: bytes) -> ChatRequest | Refusal:
    """The chat message in a webhook request body, or why it is refused."""
    if len(body) > MAX_BODY_BYTES:
        return Refusal(413, f"request body is over {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # bad JSON, bad UTF-8 or absurd nesting
        return Refusal(400, "request body is not valid JSON")
    if not isinstance(data, dict):
        return Refusal(400, 'request body must be a JSON object: {"sender": "...", "message": "..."}')
    if "sender" not in data:
        return Refusal(400, "sender is missing")
    problem = _sender_problem(data["sender"])
    if problem:
        return Refusal(400, problem)
    message = data.get("message")
    if message is None:
        return Refusal(400, "message is missing")
    if not isinstance(message, str):
        return Refusal(400, "message must be a string")
    if not _is_text(message):
        return Refusal(400, "message is not valid text")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return Refusal(400, "metadata must be a JSON object")
    return ChatRequest(data["sender"], message, metadata)


def is_too_long(message: str) -> bool:
    return len(message.strip()) > MAX_MESSAGE_CHARS


def too_long_replies(kb: Knowledge, pending_question: Reply | None = None) -> list[Reply]:
    """The friendly "too long" reply; mid-check, followed by the question still waiting."""
    replies = [unusable_reply(kb, "too_long")]
    if pending_question is not None:
        replies.append(pending_question)
    return replies
