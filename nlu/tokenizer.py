"""Rasa's SpacyTokenizer, with tokens that are quicker to fingerprint.

During training Rasa fingerprints the whole training data after every step, for
its training cache: every token of every example, three times over (after the
tokenizer and after each featurizer). Rasa's Token hashes each of its five
fields apart, then the list of hashes: on our ~3,000 examples about 5 s of
each training run. These tokens hash one JSON text of the same five fields:
the same tokens, the same fingerprint from run to run, a different one when
any field differs. Nothing else changes: the text, offsets, lemma and data are
Rasa's (tests/components/test_tokenizer.py).
"""

from __future__ import annotations

import hashlib
import json

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message


class QuickFingerprintToken(Token):
    def fingerprint(self) -> str:
        fields = [self.text, self.start, self.end, self.lemma, self.data]
        text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.md5(text.encode("utf-8")).hexdigest()  # nosec: a cache key, not security


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class QuickFingerprintSpacyTokenizer(SpacyTokenizer):
    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        return [
            QuickFingerprintToken(t.text, t.start, t.end, t.data, t.lemma)
            for t in super().tokenize(message, attribute)
        ]
