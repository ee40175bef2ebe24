"""Logistic regression intent classifier that knows when there is nothing to read.

Rasa runs the whole NLU graph even for "" or "   ", and the stock
LogisticRegressionClassifier crashes on a message with no features. A
classifier would also always guess some intent, even for "🙂" (it scored as
`affirm`). Messages with nothing to read skip classification and go straight
to the clarifying fallback, which explains what the bot can read. What counts
as unreadable is decided once, in bot.conversation.clarify.input_kind.

A message with not one word the training data ever used ("flurb glomp",
"zzzz") is classified as usual, so the fallback can still suggest the likeliest
topics, but goes to the fallback: any intent it got would be a guess from
letter patterns alone.

Two changes for speed, neither changes what is predicted:
- the fitted model is stored as plain arrays (`weights.npz`: coefficients,
  intercepts, intent names) instead of Rasa's skops file. Importing skops.io
  costs 15-25 s once TensorFlow is loaded (it searches every loaded module for
  each NumPy ufunc), paid by every training run and every server start;
- the feature matrix is stacked a block per featurizer, not one `hstack` per message
  (Rasa's copies and combines each message's features first: ~4 s of training).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.runner.interface import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.conversation.clarify import input_kind, known_words

FALLBACK = {"name": "nlu_fallback", "confidence": 1.0}
NOTHING_TO_READ = {"empty", "no_words"}


def side_by_side(rows: list[list[scipy.sparse.spmatrix]]) -> scipy.sparse.csr_matrix:
    """One CSR row per message: its feature matrices (one row each) side by side.

    What scipy.sparse.vstack and hstack make of them, as one COO matrix
    converted once: stacking with scipy's block functions took most of the time
    of classifying one message (8 % of an FAQ turn's server time).
    """
    widths = [matrix.shape[1] for matrix in rows[0]]
    offsets = np.cumsum([0, *widths[:-1]])
    row_ids, column_ids, values = [], [], []
    for row, matrices in enumerate(rows):
        for matrix, offset in zip(matrices, offsets, strict=True):
            coo = matrix.tocoo()
            if coo.shape[0] != 1:
                raise ValueError("a message's sentence features are one row")
            row_ids.append(np.full(coo.nnz, row))
            column_ids.append(coo.col + offset)
            values.append(coo.data.astype(np.float64, copy=False))
    shape = (len(rows), sum(widths))
    return scipy.sparse.coo_matrix(
        (np.concatenate(values), (np.concatenate(row_ids), np.concatenate(column_ids))), shape=shape
    ).tocsr()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class GuardedLogisticRegressionClassifier(LogisticRegressionClassifier):
    VOCABULARY_FILE = "vocabulary.json"
    WEIGHTS_FILE = "weights.npz"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vocabulary: set[str] = set()

    def train(self, training_data: TrainingData) -> Resource:
        self.vocabulary = set()
        for example in training_data.intent_examples:
            self.vocabulary |= known_words(example.get(TEXT) or "")
        return super().train(training_data)  # persists, vocabulary included

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            if hasattr(self.clf, "coef_"):
                np.savez(
                    model_dir / self.WEIGHTS_FILE,
                    coef=self.clf.coef_,
                    intercept=self.clf.intercept_,
                    classes=self.clf.classes_.astype(str),
                )
            (model_dir / self.VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary)))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> GuardedLogisticRegressionClassifier:
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                if not (model_dir / cls.WEIGHTS_FILE).exists():  # a model trained before weights.npz
                    component = super().load(config, model_storage, resource, execution_context, **kwargs)
                    component.vocabulary = set(json.loads((model_dir / cls.VOCABULARY_FILE).read_text()))
                    return component
                with np.load(model_dir / cls.WEIGHTS_FILE, allow_pickle=False) as weights:
                    component.clf.coef_ = weights["coef"]
                    component.clf.intercept_ = weights["intercept"]
                    component.clf.classes_ = weights["classes"]
                component.clf.n_features_in_ = component.clf.coef_.shape[1]
                path = model_dir / cls.VOCABULARY_FILE
                component.vocabulary = set(json.loads(path.read_text()))
        except (ValueError, OSError, KeyError):
            # untrained: no classifier and no guard rather than no bot
            component = cls(config, execution_context.node_name, model_storage, resource)
        return component

    def _create_X(self, messages: list[Message]) -> scipy.sparse.csr_matrix:
        """The same matrix as Rasa's (each message's sentence features from every
        featurizer side by side, in the order they were added), built in one go
        instead of combining each message's features one by one."""
        rows = []
        for message in messages:
            features = [
                f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE
            ]
            if not features or not all(f.is_sparse() for f in features):
                return super()._create_X(messages)  # dense features, or none: Rasa's way
            rows.append(features)
        if not rows:
            return super()._create_X(messages)
        origins = [f.origin for f in rows[0]]
        if any([f.origin for f in features] != origins for features in rows):
            return super()._create_X(messages)
        return side_by_side([[f.features for f in features] for features in rows])

    def process(self, messages: list[Message]) -> list[Message]:
        readable = []
        for message in messages:
            if input_kind(message.get(TEXT) or "") in NOTHING_TO_READ:
                message.set(INTENT, dict(FALLBACK), add_to_output=True)
                message.set(INTENT_RANKING_KEY, [dict(FALLBACK)], add_to_output=True)
            else:
                readable.append(message)
        if readable:
            super().process(readable)  # sets intents on these messages in place
        for message in readable:
            if self._all_words_unknown(message.get(TEXT) or ""):
                ranking = [dict(FALLBACK)] + list(message.get(INTENT_RANKING_KEY) or [])
                message.set(INTENT, dict(FALLBACK), add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _all_words_unknown(self, text: str) -> bool:
        words = known_words(text)
        return bool(self.vocabulary) and bool(words) and not (words & self.vocabulary)
