"""Fixtures shared by the component tests, built once per run: the domain, the
project's trained rule policy and Rasa's RulePolicy with the same rules
(test_rule_states.py, test_rule_lookup.py) and every test story run as one long
conversation (those two, test_tracker_copy.py and test_applied_events.py).

The patches are applied as `scripts/rasa` applies them (rasa_tuning/patches.py):
the component tests see Rasa as the server runs it."""

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted, Restarted, SessionStarted
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.importers.importer import TrainingDataImporter

from rasa_tuning.patches import apply_all
from rasa_tuning.rule_policy import IndexedRulePolicy
from tests.conftest import ROOT

PATCHES_ACTIVE = apply_all()


def trackers_from(path, domain):
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain"), training_data_paths=[str(path)]
    )
    return TrainingDataGenerator(
        importer.get_stories(),
        domain,
        remove_duplicates=False,
        augmentation_factor=0,
        use_story_concatenation=False,
    ).generate()


@pytest.fixture(scope="session")
def domain():
    return TrainingDataImporter.load_from_dict(domain_path=str(ROOT / "domain")).get_domain()


POLICY_CONFIG = {
    **RulePolicy.get_default_config(),
    "core_fallback_threshold": 0.3,
    "core_fallback_action_name": "action_default_fallback",
    "enable_fallback_prediction": True,
}


@pytest.fixture(scope="session")
def policy(domain, tmp_path_factory):
    """The project's rule policy (config.yml's IndexedRulePolicy), trained on data/."""
    policy = IndexedRulePolicy.create(
        POLICY_CONFIG,
        LocalModelStorage(tmp_path_factory.mktemp("rules")),
        Resource("rules"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    policy.train(trackers_from(ROOT / "data", domain), domain)
    return policy


@pytest.fixture(scope="session")
def rasas_policy(policy, tmp_path_factory):
    """Rasa's own RulePolicy with the same rules."""
    return RulePolicy(
        POLICY_CONFIG,
        LocalModelStorage(tmp_path_factory.mktemp("rasas-rules")),
        Resource("rasas-rules"),
        ExecutionContext(GraphSchema({}), "test"),
        lookup=policy.lookup,
    )


@pytest.fixture(scope="session")
def long_conversation(domain):
    """Every test story's events, one story after another, in one tracker."""
    events = []
    for story in trackers_from(ROOT / "tests" / "stories", domain):
        events += [e for e in story.events if not isinstance(e, (SessionStarted, Restarted))]
    assert sum(isinstance(e, ActionExecuted) for e in events) > 300
    return events
