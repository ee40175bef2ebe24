"""When the action server fails: a plain reply within seconds, never silence.

Nearly every answer is a custom action run by the action server. Rasa 3.6
calls it with a fixed five-minute timeout (`DEFAULT_REQUEST_TIMEOUT`; an
endpoint timeout is not among its endpoints.yml settings, see rasa#10764) and,
when a call fails, logs the error, drops the action's events, carries on and
saves the half-done turn: the visitor gets an empty reply `[]`.
`action_default_fallback` cannot help: Rasa runs it for low prediction
confidence, never for a failed action; and its `UserUtteranceReverted` cannot
take back a turn inside a form (Rasa folds a form's turns together, so the
revert reaches back past the form and starts a new session).

So the REST channel (channels/capped_rest.py) guards each message it hands to
Rasa:

- the action endpoint gets a short timeout: `timeout:` under `action_endpoint`
  in endpoints.yml (2 s; an answer takes milliseconds). It counts the action
  server's silence, not one call's wait: a call fails once the server has
  answered nothing at all (to any call) for that long. A hung server answers
  nothing; a busy one, with fifty visitors' calls queued, keeps answering, so
  its visitors wait their turn (up to BUSY_LIMIT) instead of being told it is
  down;
- a call whose connection dropped while the server is alive is tried once
  more (our actions have no side effects);
- a failed call (refused, an error status, no answer in time) abandons the
  message at once, before Rasa saves anything of it: the tracker store keeps
  the conversation exactly as it was, so a half-done eligibility check asks
  the same question again once the action server is back;
- the channel answers with bot/conversation/degraded.py's reply (what went wrong, the
  helpline from knowledge/, try again) and logs the failure.

Anything else that calls actions (Rasa's HTTP API, a streamed reply) gets only
the timeout and Rasa's own handling.
"""
from __future__ import annotations

import asyncio
import logging
import time
from contextvars import ContextVar
from typing import Any, Awaitable, Callable, Optional

from aiohttp import ClientConnectorError, ClientOSError, ServerDisconnectedError
from rasa.core.channels.channel import UserMessage
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 2.0  # seconds of silence, when endpoints.yml names none
BUSY_LIMIT = 30.0  # seconds one call may wait behind others while the server keeps answering

# Set while the channel handles a message: failures there abandon the message.
_guarded: ContextVar[bool] = ContextVar("action_server_guarded", default=False)


class MessageAbandoned(BaseException):
    """The action server failed mid-message. A BaseException, like a cancelled
    request, so that Rasa's `except Exception` (which would save the half-done
    turn) lets it through to the channel."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class GuardedActionEndpoint(EndpointConfig):
    """Rasa's action endpoint with a short timeout; a failure abandons a guarded message."""

    def __init__(self, endpoint: EndpointConfig):
        super().__init__(endpoint.url, endpoint.params, endpoint.headers, endpoint.basic_auth,
                         endpoint.token, endpoint.token_name, endpoint.cafile, **endpoint.kwargs)
        self.type = endpoint.type
        self.timeout = float(endpoint.kwargs.get("timeout", DEFAULT_TIMEOUT))
        self.last_answer = 0.0  # when the action server last answered any call (monotonic)

    async def _answer(self, *args: Any, **kwargs: Any) -> Any:
        """The call's answer; asyncio.TimeoutError once the server has been silent too long."""
        kwargs["timeout"] = BUSY_LIMIT  # Rasa passes its five minutes here
        call = asyncio.ensure_future(super().request(*args, **kwargs))
        step, silence = self.timeout / 8, 0.0
        try:
            while not call.done():
                before = time.monotonic()
                await asyncio.wait({call}, timeout=step)
                if call.done():
                    break
                if self.last_answer >= before:  # it answered another call meanwhile: alive
                    silence = 0.0
                else:
                    # A late wake-up means this Rasa server was busy (NLU for other visitors
                    # runs on the same loop), not that the action server was silent.
                    silence += min(time.monotonic() - before, 2 * step)
                if silence >= self.timeout:
                    raise asyncio.TimeoutError(f"no answer from the action server for {self.timeout:g} s")
            try:
                result = call.result()
            except ClientResponseError:
                self.last_answer = time.monotonic()  # an answer all the same: the server is alive
                raise
            self.last_answer = time.monotonic()
            return result
        finally:
            call.cancel()  # no-op once done

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return await self._answer(*args, **kwargs)
            except (ClientOSError, ServerDisconnectedError) as error:
                if isinstance(error, ClientConnectorError):
                    raise  # nobody listening: the server is down
                # A connection dropped under load (the server is alive, our actions have no
                # side effects): once more before telling the visitor anything.
                logger.warning("action server call dropped (%s); trying once more", error)
                return await self._answer(*args, **kwargs)
        except ClientResponseError as error:
            if error.status == 400 or not _guarded.get():  # 400: a form rejecting an answer
                raise
            raise MessageAbandoned(f"HTTP {error.status}") from error
        except Exception as error:  # refused, reset, timed out
            if not _guarded.get():
                raise
            raise MessageAbandoned(f"{type(error).__name__}: {error}"[:200]) from error


def guard_action_endpoint(agent: Any) -> None:
    """Swap the agent's action endpoint for the guarded one (once per loaded model)."""
    for owner in (agent, getattr(agent, "processor", None)):
        endpoint = getattr(owner, "action_endpoint", None)
        if endpoint is not None and not isinstance(endpoint, GuardedActionEndpoint):
            owner.action_endpoint = GuardedActionEndpoint(endpoint)


async def handle_guarded(agent: Any, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                         message: UserMessage) -> Optional[str]:
    """Handle the message; None if all went well, else what failed (the message
    was abandoned unsaved, and the caller sends the degraded reply)."""
    guard_action_endpoint(agent)
    token = _guarded.set(True)
    try:
        await on_new_message(message)
    except MessageAbandoned as abandoned:
        logger.error("action server failed (%s) for sender %s: message abandoned unsaved, "
                     "degraded reply sent", abandoned.what, message.sender_id)
        return abandoned.what
    finally:
        _guarded.reset(token)
    return None
