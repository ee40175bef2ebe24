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

Each call carries the whole conversation as JSON; in a long conversation,
writing it with the standard library's json was a fifth of a turn. The
guarded endpoint writes it with ujson (already installed with Rasa), several
times faster, the same JSON values; anything ujson refuses (NaN, huge
integers, unknown types) goes through json.dumps as before.

Rasa opens a new HTTP client session, and so a new connection, for every
call. The guarded endpoint keeps one client session per event loop and its
connections to the action server open between calls, for less than the
action server keeps them (Sanic: 5 s), so a kept connection is not one the
server is closing. A connection that is dead all the same (the action server
was restarted) is the dropped connection above: tried once more, on a new one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

import aiohttp
import ujson
from aiohttp import ClientConnectorError, ClientOSError, ServerDisconnectedError
from rasa.core.channels.channel import UserMessage
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, ClientResponseError, EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 2.0  # seconds of silence, when endpoints.yml names none
KEEP_CONNECTIONS = 2.0  # seconds an idle connection is kept; the action server (Sanic) keeps it 5 s
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


def json_dumps(payload: Any) -> str:
    """json.dumps's JSON, written by ujson where it can."""
    try:
        return ujson.dumps(payload)
    except (TypeError, ValueError, OverflowError):
        return json.dumps(payload)


class KeptSession:
    """A client session that `async with` hands out without closing it afterwards."""

    def __init__(self, client: aiohttp.ClientSession):
        self.client = client

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.client

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


class GuardedActionEndpoint(EndpointConfig):
    """Rasa's action endpoint with a short timeout; a failure abandons a guarded message."""

    def __init__(self, endpoint: EndpointConfig):
        super().__init__(
            endpoint.url,
            endpoint.params,
            endpoint.headers,
            endpoint.basic_auth,
            endpoint.token,
            endpoint.token_name,
            endpoint.cafile,
            **endpoint.kwargs,
        )
        self.type = endpoint.type
        self.timeout = float(endpoint.kwargs.get("timeout", DEFAULT_TIMEOUT))
        self.last_answer = 0.0  # when the action server last answered any call (monotonic)
        self._client: aiohttp.ClientSession | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None

    def session(self) -> KeptSession:
        """Rasa's EndpointConfig.session, writing request bodies with json_dumps, kept open
        between calls (Rasa's request closes the session it gets after each call)."""
        loop = asyncio.get_running_loop()
        client = self._client
        if client is None or client.closed or self._client_loop is not loop:
            auth = (
                aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth
                else None
            )
            client = self._client = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                json_serialize=json_dumps,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_CONNECTIONS),
            )
            self._client_loop = loop
        return KeptSession(client)

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
    owners: tuple[Any, ...] = (agent, getattr(agent, "processor", None))
    for owner in owners:
        endpoint = getattr(owner, "action_endpoint", None)
        if endpoint is not None and not isinstance(endpoint, GuardedActionEndpoint):
            owner.action_endpoint = GuardedActionEndpoint(endpoint)


async def handle_guarded(
    agent: Any, on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage
) -> str | None:
    """Handle the message; None if all went well, else what failed (the message
    was abandoned unsaved, and the caller sends the degraded reply)."""
    guard_action_endpoint(agent)
    token = _guarded.set(True)
    try:
        await on_new_message(message)
    except MessageAbandoned as abandoned:
        logger.error(
            "action server failed (%s) for sender %s: message abandoned unsaved, degraded reply sent",
            abandoned.what,
            message.sender_id,
        )
        return abandoned.what
    finally:
        _guarded.reset(token)
    return None
