"""What the bot says, as plain data: text plus optional buttons.

The Rasa actions turn a Reply into `dispatcher.utter_message(...)`; tests read
it directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List


@dataclass(frozen=True)
class Button:
    title: str
    payload: str

    def as_dict(self) -> Dict[str, str]:
        return {"title": self.title, "payload": self.payload}


@dataclass
class Reply:
    text: str
    buttons: List[Button] = field(default_factory=list)

    def button_dicts(self) -> List[Dict[str, str]]:
        return [b.as_dict() for b in self.buttons]
