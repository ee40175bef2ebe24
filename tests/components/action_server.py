"""Our custom actions run as the action server runs them, without the server.

A conversation is a list of real Rasa events; the action gets what Rasa sends
it: a rasa_sdk `Tracker` made from the payload the Rasa server builds for that
action (`RemoteAction._action_call_format`, with the patches the server runs:
the recent events only, unless the domain says the action reads them all;
rasa_tuning/action_payload.py), a `CollectingDispatcher`, and the domain from
domain.yml as a dict. What the
action says and returns is added to the conversation as Rasa would add it, so
the next action sees it.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.rasa_names import RasaBuiltIns
from rasa_tuning.patches import apply_all

apply_all()  # as scripts/rasa runs the server

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain"))
DOMAIN_DICT = DOMAIN.as_dict()


@dataclass
class Result:
    messages: list[dict[str, Any]]  # what the dispatcher collected
    events: list[dict[str, Any]]  # what the action returned

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons") or []]

    @property
    def slots(self) -> dict[str, Any]:
        """The slots the returned events set (the last value of each)."""
        return {e["name"]: e["value"] for e in self.events if e["event"] == "slot"}

    def kinds(self) -> list[str]:
        return [e["event"] for e in self.events]


class Conversation:
    def __init__(self, sender: str = "visitor", **slots: Any) -> None:
        self.sender = sender
        self.events: list[Event] = [ActionExecuted("action_session_start"), SessionStarted()]
        self.events += [SlotSet(name, value) for name, value in slots.items()]
        self.events.append(ActionExecuted(RasaBuiltIns.ACTION_LISTEN))

    def says(
        self,
        text: str,
        intent: str,
        confidence: float = 0.95,
        entities: list[dict[str, Any]] | None = None,
        ranking: list[tuple[str, float]] | None = None,
    ) -> Conversation:
        ranking = ranking or [(intent, confidence)]
        self.events.append(
            UserUttered(
                text,
                intent={"name": intent, "confidence": confidence},
                entities=entities or [],
                parse_data={"intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]},
            )
        )
        return self

    def add(self, *events: Event) -> Conversation:
        self.events += events
        return self

    def tracker(self, action_name: str | None = None) -> Tracker:
        """The conversation as the action server gets it for `action_name` (all of it if None)."""
        state = DialogueStateTracker.from_events(self.sender, self.events, slots=DOMAIN.slots)
        if action_name is None:
            return Tracker.from_dict(state.current_state(EventVerbosity.ALL))
        return Tracker.from_dict(
            RemoteAction(action_name, None)._action_call_format(state, DOMAIN)["tracker"]
        )

    def run(self, action: Action) -> Result:
        dispatcher = CollectingDispatcher()
        returned = action.run(dispatcher, self.tracker(action.name()), DOMAIN_DICT)
        if inspect.isawaitable(returned):
            returned = asyncio.run(cast(Coroutine[Any, Any, Any], returned))
        result = Result(list(dispatcher.messages), list(returned))
        self.events.append(ActionExecuted(action.name()))
        self.events += [
            BotUttered(m.get("text"), data={"buttons": m.get("buttons")}) for m in result.messages
        ]
        self.events += [Event.from_parameters(e) for e in result.events]
        return result

    def slot(self, name: str) -> Any:
        return self.tracker().get_slot(name)
