"""A visitor writing about their own safety is answered as a person first.

Runs last in the NLU pipeline, after the classifier and the gap guard: when
bot/safety/ reads the message as a visitor at risk (thoughts of suicide or
self-harm, abuse or threats at home, a child in danger, an emergency now, a
threat to hurt someone), the intent becomes `safety_concern` whatever the
classifier chose, so one rule per context answers it (data/rules.yml): at the
start, in the middle of the check and during interview practice alike. It
decides nothing else: every other message keeps the classifier's reading.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_names import Intents
from bot.safety import is_at_risk
from bot.safety.classifier import trained_classifier
from nlu.relabel import relabel


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyGuard:
        return cls()

    def __init__(self) -> None:
        trained_classifier()  # fitted when the model loads, not in a visitor's first message

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if is_at_risk(message.get(TEXT) or ""):
                relabel(message, Intents.SAFETY_CONCERN)
        return messages
