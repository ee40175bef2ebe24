"""Logistic regression intent classifier that knows when there is nothing to read.

Rasa runs the whole NLU graph even for "" or "   ", and the stock
LogisticRegressionClassifier crashes on a message with no features. A
classifier would also always guess some intent, even for "🙂" (it scored as
`affirm`). Messages with nothing to read skip classification and go straight
to the clarifying fallback, which explains what the bot can read. What counts
as unreadable is decided once, in bot.clarify.input_kind.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.clarify import input_kind

FALLBACK = {"name": "nlu_fallback", "confidence": 1.0}
NOTHING_TO_READ = {"empty", "no_words"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class GuardedLogisticRegressionClassifier(LogisticRegressionClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        readable = []
        for message in messages:
            if input_kind(message.get(TEXT) or "") in NOTHING_TO_READ:
                message.set(INTENT, dict(FALLBACK), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [dict(FALLBACK)], add_to_output=True)
            else:
                readable.append(message)
        if readable:
            super().process(readable)  # sets intents on these messages in place
        return messages
