"""What the bot says, as plain data: text plus optional buttons.

The Rasa actions turn a Reply into `dispatcher.utter_message(...)`; tests read
it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.rasa_names import Intents, payload


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "payload": self.payload}


# The two ways on that many replies offer; frozen, so one instance serves them all.
CHECK_ELIGIBILITY = Button("Check my eligibility", payload(Intents.CHECK_ELIGIBILITY))
TALK_TO_PERSON = Button("Talk to a person", payload(Intents.REQUEST_HUMAN))
PRACTISE_INTERVIEW = Button("Practise an interview", payload(Intents.PRACTISE_INTERVIEW))


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)

    def button_dicts(self) -> list[dict[str, str]]:
        return [b.as_dict() for b in self.buttons]
