"""The intent classifier's own storage and feature matrix (Rasa imported, no server).

The classifier stores its weights as plain arrays instead of Rasa's skops file
and stacks the feature matrix once: a model loaded back must predict exactly
what the trained one did, from exactly the matrix Rasa's classifier builds.
"""

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.guarded_classifier import GuardedLogisticRegressionClassifier

INTENTS = ["greet", "goodbye", "faq_pay"]
WORDS = ["hello", "hi", "bye", "later", "pay", "salary", "earn", "money"]


def message(text, intent=None, seed=0):
    """A message with sparse features from two 'featurizers' (as in config.yml)."""
    rng = np.random.default_rng(seed)
    msg = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    for origin, width in (("words", 8), ("chars", 20)):
        counts = rng.integers(0, 3, size=(1, width))
        if intent:  # make the intent learnable
            counts[0, INTENTS.index(intent)] += 4
        msg.add_features(Features(scipy.sparse.coo_matrix(counts), FEATURE_TYPE_SENTENCE, TEXT, origin))
        msg.add_features(
            Features(
                scipy.sparse.coo_matrix(np.vstack([counts, counts])), FEATURE_TYPE_SEQUENCE, TEXT, origin
            )
        )
    return msg


@pytest.fixture
def trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**GuardedLogisticRegressionClassifier.get_default_config(), "solver": "liblinear"}
    classifier = GuardedLogisticRegressionClassifier.create(config, storage, resource, context)
    examples = [message(f"{WORDS[i % len(WORDS)]} {i}", INTENTS[i % 3], seed=i) for i in range(60)]
    classifier.train(TrainingData(examples))
    return classifier, config, storage, resource, context


def test_feature_matrix_is_rasas(trained):
    classifier = trained[0]
    messages = [message(f"hello {i}", seed=100 + i) for i in range(5)]
    ours = classifier._create_X(messages)
    rasas = LogisticRegressionClassifier._create_X(classifier, messages)
    assert ours.shape == rasas.shape == (5, 28)
    assert ours.dtype == rasas.dtype
    assert (ours != rasas).nnz == 0


@pytest.mark.parametrize("texts", [["what is the pqip"], ["hello", "", "pay pay pay"]])
def test_one_message_and_empty_features_make_rasas_matrix(trained, texts):
    classifier = trained[0]
    messages = [message(text, seed=200 + i) for i, text in enumerate(texts)]
    ours = classifier._create_X(messages)
    rasas = LogisticRegressionClassifier._create_X(classifier, messages)
    assert ours.shape == rasas.shape and ours.dtype == rasas.dtype
    assert (ours != rasas).nnz == 0


def test_loaded_model_predicts_exactly_what_the_trained_one_did(trained):
    classifier, config, storage, resource, context = trained
    loaded = GuardedLogisticRegressionClassifier.load(config, storage, resource, context)
    messages = [message("hello there", seed=7), message("what do you earn", seed=8)]
    X = classifier._create_X(messages)
    assert list(loaded.clf.classes_) == list(classifier.clf.classes_)
    np.testing.assert_array_equal(loaded.clf.predict_proba(X), classifier.clf.predict_proba(X))
    assert loaded.vocabulary == classifier.vocabulary and "hello" in loaded.vocabulary
    processed = loaded.process([message("hello there", seed=7)])[0]
    assert processed.get(INTENT)["name"] in INTENTS


def test_no_skops_file_is_written(trained, tmp_path):
    _, _, storage, resource, _ = trained
    with storage.read_from(resource) as model_dir:
        names = sorted(p.name for p in model_dir.iterdir())
    assert names == ["vocabulary.json", "weights.npz"]
