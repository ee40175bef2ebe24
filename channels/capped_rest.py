"""Rasa's REST chat channel with the webhook's checks in front of it.

Registered in credentials.yml in place of `rest:`. It keeps the name "rest",
so the URL stays /webhooks/rest/webhook (the web page, the eval harness and
the benchmarks use it). What is accepted is decided in bot/conversation/incoming.py; this
module only wires it to Sanic and Rasa:

- a refused request gets its 4xx and a one-line JSON error, never a traceback;
- an over-long message gets the friendly reply without reaching NLU or the
  tracker; mid-form, the question still waiting is asked again;
- a message whose action-server call fails gets the degraded reply and is
  taken back (channels/failure_guard.py);
- a client past its limit gets the friendly reply, and a tracker or lock store
  failure the degraded reply; each message's reply is counted for the metrics
  (channels/service_hooks.py);
- any other failure inside Rasa is logged without the visitor's text (Rasa's own
  channel logs the text) and answered with a short JSON 500.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.conversation.degraded import degraded_reply
from bot.conversation.incoming import Refusal, is_too_long, read_request, too_long_replies
from bot.knowledge import load_knowledge
from bot.replies import Button, Reply
from channels import service_hooks
from channels.failure_guard import handle_guarded

logger = logging.getLogger(__name__)


async def pending_question(agent: Any, sender: str) -> Reply | None:
    """The form's question still waiting for an answer (the last bot message), or None."""
    try:
        tracker = await agent.tracker_store.retrieve(sender)
    except Exception as exc:  # the reply is still useful without the question
        logger.warning("could not read the tracker to repeat the question: %s", type(exc).__name__)
        return None
    if tracker is None or not tracker.active_loop_name:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered) and event.text:
            buttons = [
                Button(b.get("title", ""), b.get("payload", ""))
                for b in (event.data or {}).get("buttons") or []
            ]
            return Reply(event.text, buttons)
    return None


async def say(collector: CollectingOutputChannel, sender: str, reply: Reply) -> None:
    if reply.buttons:
        await collector.send_text_with_buttons(sender, reply.text, reply.button_dicts())
    else:
        await collector.send_text_message(sender, reply.text)


class CappedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            started = time.perf_counter()
            incoming = read_request(request.body or b"")
            if isinstance(incoming, Refusal):
                return response.json(incoming.as_json(), status=incoming.status)
            limited = await service_hooks.limited_response(request, incoming.sender)
            if limited is not None:
                service_hooks.count_reply("limited", time.perf_counter() - started)
                return limited
            collector = CollectingOutputChannel()
            stream = rasa.utils.endpoints.bool_arg(request, "stream", default=False)

            if is_too_long(incoming.message):
                question = await pending_question(request.app.ctx.agent, incoming.sender)
                for reply in too_long_replies(load_knowledge(), question):
                    await say(collector, incoming.sender, reply)
                service_hooks.count_reply("too_long", time.perf_counter() - started)
                if stream:  # as Rasa streams: one JSON message per line
                    return response.text(
                        "".join(json.dumps(m) + "\n" for m in collector.messages),
                        content_type="text/event-stream",
                    )
                return response.json(collector.messages)

            if stream:
                return response.stream(
                    self.stream_response(
                        on_new_message, incoming.message, incoming.sender, self.name(), incoming.metadata
                    ),
                    content_type="text/event-stream",
                )
            cause = None
            service_hooks.guard_tracker_store(request.app.ctx.agent)
            try:
                with service_hooks.counting_turn():
                    failed = await handle_guarded(
                        request.app.ctx.agent,
                        on_new_message,
                        UserMessage(
                            incoming.message,
                            collector,
                            incoming.sender,
                            input_channel=self.name(),
                            metadata=incoming.metadata,
                        ),
                    )
                if failed:  # the action server is down: say so, never an empty reply
                    cause = "action_server"
            except CancelledError:
                logger.error("REST message timed out (sender %s)", incoming.sender)
            except (Exception, service_hooks.StoreUnavailable) as exc:
                store = service_hooks.store_failed(exc)
                if store is None:
                    # Frames only: an exception's message may quote the visitor's text.
                    logger.error(
                        "REST message failed (sender %s): %s\n%s",
                        incoming.sender,
                        type(exc).__name__,
                        "".join(traceback.format_tb(exc.__traceback__)),
                    )
                    return response.json({"error": "internal error"}, status=500)
                # The store refused the turn, so nothing of it was saved: resending works.
                logger.error("%s for sender %s: degraded reply sent", store, incoming.sender)
                cause = "store"
            if cause is not None:
                collector.messages.clear()
                await say(collector, incoming.sender, degraded_reply(load_knowledge(), incoming.message))
            service_hooks.count_reply(
                "degraded" if cause else "answered", time.perf_counter() - started, cause
            )
            return response.json(collector.messages)

        return webhook
