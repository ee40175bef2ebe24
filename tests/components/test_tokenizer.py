"""Our spaCy tokenizer makes Rasa's tokens; only their fingerprint is computed
differently, and it follows every field (Rasa imported, no server)."""

import spacy
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.tokenizer import QuickFingerprintSpacyTokenizer, QuickFingerprintToken

NLP = spacy.blank("en")
TEXTS = [
    "How long is the PQiP?",
    "I'm 31 and did a foundation degree",
    "   ",
    "🙂 hi",
    "what's a PSO (band 3)?",
]


def tokens(cls, text):
    message = Message(data={TEXT: text})
    message.set(SPACY_DOCS[TEXT], NLP(text))
    cls(cls.get_default_config()).process([message])
    return message.get(TOKENS_NAMES[TEXT]) or []


def fields(token):
    return (token.text, token.start, token.end, token.lemma, token.data)


def test_same_tokens_as_rasas():
    for text in TEXTS:
        ours, rasas = tokens(QuickFingerprintSpacyTokenizer, text), tokens(SpacyTokenizer, text)
        assert [fields(t) for t in ours] == [fields(t) for t in rasas]
        assert ours == rasas
        assert all(isinstance(t, QuickFingerprintToken) for t in ours)


def test_fingerprint_is_stable_and_follows_every_field():
    base = dict(text="pqip", start=4, end=8, data={"pos": "NOUN"}, lemma="pqip")
    same = QuickFingerprintToken(**base).fingerprint()
    assert QuickFingerprintToken(**base).fingerprint() == same
    for field, value in [
        ("text", "PQiP"),
        ("start", 5),
        ("end", 9),
        ("data", {"pos": "VERB"}),
        ("lemma", "pq"),
    ]:
        assert QuickFingerprintToken(**{**base, field: value}).fingerprint() != same, field
