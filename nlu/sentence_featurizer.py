"""Rasa's CountVectorsFeaturizer, making only what our intent classifier reads.

The classifier (nlu/guarded_classifier.py, a logistic regression) reads one row
per message: the sentence features of the message text. Rasa's featurizer
also makes a row per token (sequence features, for DIET and entity taggers),
and the same for intent and action names, and it calls its vectorizer twice
per message. On our ~3,000 training examples that cost about a third of NLU
training: the per-message calls (~6 s), and Rasa's training cache hashing
every feature matrix after every step (~12 s: character 1-5-grams per token
make large matrices).

This subclass vectorises all messages' texts in one call and adds the
sentence features of the text only, in a Features object whose fingerprint
hashes the matrix's arrays rather than printing every entry as text first.
The vocabulary, the counts and so the classifier's input are exactly Rasa's
(tests/components/test_sentence_featurizer.py compares them). Use Rasa's own CountVectorsFeaturizer again before adding a
component that reads sequence features (DIET, CRFEntityExtractor, ResponseSelector).
"""

from __future__ import annotations

import hashlib

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.utils.io import deep_container_fingerprint


class HashedSparseFeatures(Features):
    """Sparse features fingerprinted from their arrays' bytes. Rasa's Features
    writes each entry as a line of text first (~1 µs an entry); the fingerprint
    is just as stable (same matrix, same fingerprint) and changes with any entry."""

    _cached_fingerprint: str | None  # set by Features.__init__

    def fingerprint(self) -> str:
        if self._cached_fingerprint is None:
            matrix = self.features.tocoo()
            digest = hashlib.md5(repr((matrix.shape, matrix.dtype.str)).encode())  # nosec: not security
            for array in (matrix.row, matrix.col, matrix.data):
                digest.update(np.ascontiguousarray(array).tobytes())
            self._cached_fingerprint = deep_container_fingerprint(
                [self.type, self.origin, self.attribute, digest.hexdigest()]
            )
        return self._cached_fingerprint


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    def process(self, messages: list[Message]) -> list[Message]:
        vectorizer = (self.vectorizers or {}).get(TEXT)
        if vectorizer is None:
            return super().process(messages)  # untrained: Rasa's own message and no features
        texts, featurized = [], []
        for message in messages:
            tokens = self._get_processed_message_tokens_by_attribute(message, TEXT)
            if tokens:  # as Rasa: a message without tokens gets no features
                texts.append(" ".join(tokens))
                featurized.append(message)
        if not texts:
            return messages
        matrix = vectorizer.transform(texts)  # one row per message, as Rasa's per-message call
        matrix.sort_indices()
        for row, message in enumerate(featurized):
            message.add_features(
                HashedSparseFeatures(matrix[row].tocoo(), FEATURE_TYPE_SENTENCE, TEXT, self._identifier)
            )
        return messages
