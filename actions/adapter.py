"""What every custom action does with Rasa: read the visitor's latest message,
say a bot/ Reply, and turn slot values into events.

`ReplyAction` is the action that only says something: a name and a reply.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.replies import Reply


def say(dispatcher: CollectingDispatcher, *replies: Reply) -> None:
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=reply.button_dicts() or None)


def user_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    """The intent Rasa's NLU read the latest message as, and how sure it was."""
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def slot_values(tracker: Tracker, names: Iterable[str]) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in names}


def slot_events(values: Mapping[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in values.items()]


class ReplyAction(Action, ABC):
    """An action that says one reply and changes nothing (abstract, so the
    action server registers only its subclasses)."""

    NAME: str

    def name(self) -> str:
        return self.NAME

    @abstractmethod
    def reply(self, tracker: Tracker) -> Reply: ...

    def run(self, dispatcher, tracker, domain) -> list[EventType]:
        say(dispatcher, self.reply(tracker))
        return []
