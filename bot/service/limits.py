"""The per-client limit on the chat endpoint: a token bucket per address.

Each client may send `burst` messages at once and then `per_second` on
average (deploy/limits.yml says why). Past it, the message is not handed to
Rasa at all: nothing is saved, so the conversation is exactly as it was, and
the visitor gets `LIMITED_TEXT`, after a short pause that slows a client that
never waits. The limiter is plain Python, one per Rasa server process
(the scale-out profile's nginx adds its own limit in front of both).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

from bot.service.settings import ChatLimit

LIMITED_TEXT = (
    "You're sending messages faster than I can read them; please wait a moment, "
    "then send your last message again. Nothing you told me so far is lost."
)


class ClientLimiter:
    def __init__(self, limit: ChatLimit, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.clock = clock
        # address -> (tokens left, when they were counted); oldest-seen first
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, client: str) -> bool:
        """Take one message from the client's bucket; False if it is empty."""
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.limit.burst), now))
        tokens = min(float(self.limit.burst), tokens + (now - then) * self.limit.per_second)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[client] = (tokens, now)  # now the most recently seen
        while len(self._buckets) > self.limit.max_clients:
            self._buckets.popitem(last=False)
        return allowed

    def __len__(self) -> int:
        return len(self._buckets)


def client_address(
    peer: str | None, headers: Mapping[str, str], limit: ChatLimit, trust_forwarded: bool
) -> str:
    """Who is sending: the peer's address, or behind our own proxy (trust_forwarded),
    the address it forwards. A missing or blank header falls back to the peer."""
    if trust_forwarded:
        forwarded = (headers.get(limit.forwarded_header) or "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return peer or "unknown"
