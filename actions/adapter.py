"""What every custom action does with Rasa: read the visitor's latest message,
say a bot/ Reply, and turn slot values into events.

`ReplyAction` is the action that only says something: a name and a reply.
`DialogueForm` is the validation action of a form whose messages a bot/
dialogue reads (the eligibility check, interview practice).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.form_turn import FormTurn
from bot.rasa_names import RasaBuiltIns
from bot.replies import Reply

T = TypeVar("T", bound=FormTurn)


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


class DialogueForm(FormValidationAction, ABC, Generic[T]):
    """The validation action of a form whose every message a bot/ dialogue reads
    (abstract, so the action server registers only its subclasses).

    Once per message, `run` asks the form's dialogue for a turn (bot/form_turn.py)
    and hands it to Rasa: a digression returns no events, so Rasa rejects the form
    and a rule answers; otherwise the replies are said and the turn's slot events
    and the next slot to ask (`requested_slot`) are returned. A subclass supplies
    `read` (how its dialogue reads the message) and may add to `not_read` (a
    message its dialogue is not to read) and `respond` (how the turn is said).

    The dialogue reads the whole message, so Rasa's `validate_<slot>` and
    `extract_<slot>` methods would never run: a subclass that defines one is
    refused when it is defined, rather than silently ignored.
    """

    NAME: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ignored = sorted(name for name in vars(cls) if name.startswith(("validate_", "extract_")))
        if ignored:
            raise TypeError(f"{cls.__name__}: a DialogueForm never calls {', '.join(ignored)}")

    def name(self) -> str:
        return self.NAME

    async def not_read(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
        """The events for a message the dialogue is not to read; None to read it."""
        return None

    @abstractmethod
    def read(self, tracker: Tracker) -> T:
        """The dialogue's turn for the latest message."""

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: T) -> list[EventType]:
        """Say the turn; the events to return after its slot events."""
        say(dispatcher, *turn.replies)
        return []

    async def run(self, dispatcher, tracker, domain) -> list[EventType]:
        skipped = await self.not_read(dispatcher, tracker)
        if skipped is not None:
            return skipped
        turn = self.read(tracker)
        if turn.digression:
            return []  # nothing filled: Rasa rejects the form and a rule answers instead
        after = await self.respond(dispatcher, tracker, turn)
        return slot_events(turn.updates) + [SlotSet(RasaBuiltIns.REQUESTED_SLOT, turn.next_slot)] + after
