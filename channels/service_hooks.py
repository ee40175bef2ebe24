"""The REST channel's hooks for running as a public service (issue 27).

channels/capped_rest.py calls these; what they decide is plain Python in
bot/service/:

- `limited_response`: the per-client limit (bot/service/limits.py). Past it, the
  message never reaches Rasa (nothing saved, the conversation as it was) and
  the visitor gets the friendly reply, with status 200, after a short pause;
- `guard_tracker_store` and `store_failed`: a tracker or lock store failure
  (SQLite locked or full, PostgreSQL or Redis down) inside Rasa; the channel
  then sends the degraded reply instead of a 500. Like a failed action-server
  call, nothing of the turn was saved: the store refused it. Rasa 3.6 wraps
  the tracker store in a FailSafeTrackerStore that, when the store fails,
  quietly keeps the conversation in memory instead (a save) or starts it
  afresh (a read: a half-done check would be lost, and its next save mixed
  with what the store holds); the guard makes it raise `StoreUnavailable`
  instead, so the visitor is told and the stored conversation stays whole;
- `counting_turn` and `count_reply`: the metrics (bot/service/metrics.py). The
  turn's events are read where Rasa saves the tracker (MessageProcessor.save_tracker,
  wrapped below, counting only inside a chat message), so a turn that failed
  counts nothing but its degraded reply.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.service import metrics, settings
from bot.service.limits import LIMITED_TEXT, ClientLimiter, client_address

logger = logging.getLogger(__name__)

_limiter: ClientLimiter | None = None
_counting: ContextVar[bool] = ContextVar("service_counting_turn", default=False)


@functools.lru_cache(maxsize=1)
def _exempt() -> frozenset[str]:
    return frozenset(settings.chat_exempt())


def limiter() -> ClientLimiter:
    global _limiter
    if _limiter is None:
        _limiter = ClientLimiter(settings.load().chat)
    return _limiter


async def limited_response(request: Request, sender: str) -> HTTPResponse | None:
    """The friendly reply if this client is past its limit, else None."""
    limit = settings.load().chat
    client = client_address(request.ip, request.headers, limit, os.environ.get("TRUST_FORWARDED") == "1")
    if client in _exempt() or limiter().allow(client):
        return None
    await asyncio.sleep(limit.limited_reply_pause_seconds)
    return response.json([{"recipient_id": sender, "text": LIMITED_TEXT}])


class StoreUnavailable(BaseException):
    """The tracker store failed. A BaseException, like failure_guard's MessageAbandoned,
    so that no `except Exception` inside Rasa saves the half-done turn."""


def _raise_store_failure(error: Exception) -> None:
    raise StoreUnavailable(f"tracker store: {type(error).__name__}") from error


def guard_tracker_store(agent: Any) -> None:
    """Make the agent's FailSafeTrackerStore raise instead of falling back to memory."""
    from rasa.core.tracker_store import FailSafeTrackerStore

    for owner in (agent, getattr(agent, "processor", None)):
        store = getattr(owner, "tracker_store", None)
        if (
            isinstance(store, FailSafeTrackerStore)
            and store._on_tracker_store_error is not _raise_store_failure
        ):
            store._on_tracker_store_error = _raise_store_failure


def store_failed(exc: BaseException) -> str | None:
    """What failed, if `exc` is the tracker store or the lock store failing."""
    import redis.exceptions  # type: ignore[import-untyped]
    import sqlalchemy.exc
    from rasa.core.lock_store import LockError

    if isinstance(exc, StoreUnavailable):
        return str(exc)
    if isinstance(exc, sqlalchemy.exc.DBAPIError | sqlalchemy.exc.TimeoutError):
        return f"tracker store: {type(exc.__cause__ or exc).__name__}"
    if isinstance(exc, redis.exceptions.RedisError | LockError):
        return f"lock store: {type(exc).__name__}"
    if isinstance(exc, ConnectionRefusedError | OSError) and "redis" in repr(exc).lower():
        return f"lock store: {type(exc).__name__}"
    return None


@contextmanager
def counting_turn() -> Iterator[None]:
    token = _counting.set(True)
    try:
        yield
    finally:
        _counting.reset(token)


def count_reply(result: str, seconds: float, degraded_cause: str | None = None) -> None:
    try:
        metrics.count_reply(result, seconds, degraded_cause)
    except Exception as exc:  # a metric never costs a visitor their reply
        logger.warning("could not count a reply: %s", type(exc).__name__)


def _turn_events(tracker: Any) -> list[dict[str, Any]]:
    """The events after the visitor's last message, as metrics.turn_outcomes reads them."""
    turn: list[dict[str, Any]] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        name = getattr(event, "action_name", None) or getattr(event, "key", None)
        turn.append({"event": event.type_name, "name": name, "value": getattr(event, "value", None)})
    turn.reverse()
    return turn


_rasas_save_tracker = MessageProcessor.save_tracker


@functools.wraps(_rasas_save_tracker)
async def save_tracker(self: MessageProcessor, tracker: Any) -> None:
    await _rasas_save_tracker(self, tracker)
    if _counting.get():
        try:
            metrics.count_turn(_turn_events(tracker))
        except Exception as exc:
            logger.warning("could not count a turn: %s", type(exc).__name__)


MessageProcessor.save_tracker = save_tracker
