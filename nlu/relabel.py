"""What the NLU guards share: give a message an intent for certain.

The guards (gap_guard.py, safety_guard.py) run after the classifier and, when
plain Python in bot/ decides a message is something else, set that intent at
confidence 1.0 and keep the classifier's ranking below it.
"""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def relabel(message: Message, intent: str) -> None:
    labelled = {"name": intent, "confidence": 1.0}
    ranking = [labelled] + [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, labelled, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
