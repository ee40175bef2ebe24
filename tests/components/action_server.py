"""Our custom actions run as the action server runs them, without the server.

A conversation is a list of real Rasa events; the action gets what Rasa sends
it: a rasa_sdk `Tracker` made from the `DialogueStateTracker`'s current state,
a `CollectingDispatcher`, and the domain from domain.yml as a dict. What the
action says and returns is added to the conversation as Rasa would add it, so
the next action sees it.
"""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.rasa_names import RasaBuiltIns

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
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

    def tracker(self) -> Tracker:
        state = DialogueStateTracker.from_events(self.sender, self.events, slots=DOMAIN.slots)
        return Tracker.from_dict(state.current_state(EventVerbosity.ALL))

    def run(self, action: Action) -> Result:
        dispatcher = CollectingDispatcher()
        returned = action.run(dispatcher, self.tracker(), DOMAIN_DICT)
        if inspect.isawaitable(returned):
            returned = asyncio.run(returned)
        result = Result(list(dispatcher.messages), list(returned))
        self.events.append(ActionExecuted(action.name()))
        self.events += [
            BotUttered(m.get("text"), data={"buttons": m.get("buttons")}) for m in result.messages
        ]
        self.events += [Event.from_parameters(e) for e in result.events]
        return result

    def slot(self, name: str) -> Any:
        return self.tracker().get_slot(name)
