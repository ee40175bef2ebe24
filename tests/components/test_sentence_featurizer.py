"""Our count featurizer gives the classifier exactly Rasa's sentence features
(Rasa imported, no server); its fingerprints follow the matrix."""

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.sentence_featurizer import HashedSparseFeatures, SentenceCountVectorsFeaturizer

TRAINING = [
    ("how long is the PQiP", "ask_duration"),
    ("what does a PSO do", "ask_pso"),
    ("is the pqip paid?", "ask_pay"),
    ("hello there", "greet"),
    ("how long does training take", "ask_duration"),
]
UNSEEN = ["how long is the probaton course", "hello", "🙂", "qualifcation for PSO?", ""]
CONFIGS = [{"min_ngram": 1, "max_ngram": 2}, {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 5}]


def tokenized(texts, intents=None):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [
        Message(data={TEXT: t, **({INTENT: i} if i else {})})
        for t, i in zip(texts, intents or [None] * len(texts), strict=False)
    ]
    tokenizer.process(messages)
    return messages


def trained(cls, config, tmp_path, name):
    context = ExecutionContext(GraphSchema({}), name)
    featurizer = cls.create(
        {**cls.get_default_config(), **config}, LocalModelStorage(tmp_path), Resource(name), context
    )
    data = TrainingData(tokenized([t for t, _ in TRAINING], [i for _, i in TRAINING]))
    featurizer.train(data)
    return featurizer


def sentence_rows(messages):
    rows = []
    for message in messages:
        sentence = message.get_sparse_features(TEXT)[1]
        rows.append(None if sentence is None else sentence.features.toarray())
    return rows


@pytest.mark.parametrize("config", CONFIGS)
def test_same_sentence_features_as_rasas(config, tmp_path):
    ours = trained(SentenceCountVectorsFeaturizer, config, tmp_path, "ours")
    rasas = trained(CountVectorsFeaturizer, config, tmp_path, "rasas")
    for texts in (
        [t for t, _ in TRAINING],
        UNSEEN,
        UNSEEN[:1],
    ):  # a batch, and one message as a server parses
        our_messages, rasa_messages = tokenized(texts), tokenized(texts)
        ours.process(our_messages)
        rasas.process(rasa_messages)
        for mine, theirs in zip(sentence_rows(our_messages), sentence_rows(rasa_messages), strict=False):
            assert (mine is None) == (theirs is None)
            if mine is not None:
                assert mine.shape == theirs.shape and np.array_equal(mine, theirs)
        # only the text's sentence features: no per-token rows for a classifier that never reads them
        for message in our_messages:
            assert message.get_sparse_features(TEXT)[0] is None
            assert all(f.type == FEATURE_TYPE_SENTENCE and f.attribute == TEXT for f in message.features)


def test_training_data_features_match_too(tmp_path):
    ours = trained(SentenceCountVectorsFeaturizer, CONFIGS[1], tmp_path, "ours")
    rasas = trained(CountVectorsFeaturizer, CONFIGS[1], tmp_path, "rasas")
    texts, intents = [t for t, _ in TRAINING], [i for _, i in TRAINING]
    our_data, rasa_data = TrainingData(tokenized(texts, intents)), TrainingData(tokenized(texts, intents))
    ours.process_training_data(our_data)
    rasas.process_training_data(rasa_data)
    for mine, theirs in zip(
        sentence_rows(our_data.training_examples), sentence_rows(rasa_data.training_examples), strict=False
    ):
        assert np.array_equal(mine, theirs)


def features(matrix, origin="chars"):
    return HashedSparseFeatures(scipy.sparse.coo_matrix(matrix), FEATURE_TYPE_SENTENCE, TEXT, origin)


def test_fingerprint_follows_the_matrix():
    counts = np.array([[0, 2, 0, 1, 0, 0, 3]])
    same = features(counts.copy()).fingerprint()
    assert features(counts).fingerprint() == same  # stable
    changed = counts.copy()
    changed[0, 3] = 2
    assert features(changed).fingerprint() != same  # a count
    moved = np.array([[0, 2, 0, 0, 1, 0, 3]])
    assert features(moved).fingerprint() != same  # a column
    assert features(np.hstack([counts, [[0]]])).fingerprint() != same  # the width
    assert features(counts, origin="words").fingerprint() != same  # the featurizer
