"""The patches are applied in one place, and nothing else applies them.

Importing the project's Rasa components (nlu/, channels/, the tracker store,
the rule policy) changes nothing in Rasa: a fresh interpreter shows it.
"""

import subprocess
import sys

from rasa_tuning import patches
from tests.conftest import ROOT

CHECK = """
import rasa.core.actions.action, rasa.engine.runner.dask, rasa.shared.core.trackers
import rasa.shared.core.slots, rasa.shared.core.events, rasa.core.policies.rule_policy
before = {
    "run": rasa.engine.runner.dask.DaskGraphRunner.run,
    "call": rasa.core.actions.action.RemoteAction._action_call_format,
    "validate": rasa.core.actions.action.RemoteAction._validate_action_result,
    "copy": rasa.shared.core.trackers.DialogueStateTracker.copy,
    "applied": rasa.shared.core.trackers.DialogueStateTracker.applied_events,
    "slot": rasa.shared.core.slots.Slot.__dict__.get("__copy__"),
    "resolve": rasa.shared.core.events.Event.__dict__["resolve_by_type"],
    "keys": rasa.core.policies.rule_policy.RulePolicy._get_possible_keys,
}
import channels.capped_rest, channels.failure_guard, nlu.guarded_classifier, nlu.gap_guard
import nlu.safety_guard, nlu.sentence_featurizer, nlu.tokenizer, actions.actions
import rasa_tuning.tracker_store, rasa_tuning.rule_policy, rasa_tuning.patches
after = {
    "run": rasa.engine.runner.dask.DaskGraphRunner.run,
    "call": rasa.core.actions.action.RemoteAction._action_call_format,
    "validate": rasa.core.actions.action.RemoteAction._validate_action_result,
    "copy": rasa.shared.core.trackers.DialogueStateTracker.copy,
    "applied": rasa.shared.core.trackers.DialogueStateTracker.applied_events,
    "slot": rasa.shared.core.slots.Slot.__dict__.get("__copy__"),
    "resolve": rasa.shared.core.events.Event.__dict__["resolve_by_type"],
    "keys": rasa.core.policies.rule_policy.RulePolicy._get_possible_keys,
}
changed = [name for name in before if before[name] is not after[name]]
print("changed:", changed)
assert not changed
"""


def test_importing_the_projects_components_changes_nothing_in_rasa():
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]


def test_no_module_under_nlu_or_channels_imports_rasa_tuning():
    for folder in ("nlu", "channels"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "rasa_tuning" not in path.read_text(), path


def test_every_patch_is_active_on_this_rasa_and_applied_once():
    active = patches.apply_all()
    assert set(active) == set(patches.PATCHES) and all(active.values()), active
    assert patches.apply_all() == active
