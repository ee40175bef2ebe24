"""RulePolicy: when predicting, compute only the dialogue states a rule can look at.

To choose the next action, Rasa 3.6's RulePolicy turns the whole conversation
into a list of states, one per action so far (its `max_history` is fixed at
None), and then compares the latest states with its rules, newest first
(`_get_possible_keys`). A rule has at most as many states as the longest rule;
once the comparison is that far back every rule still in the running passes
(`_is_rule_applicable` returns True past a rule's length), so older states never
change which rules apply. Building them did cost: at message 300 of one
conversation, a third of the turn, and more with every message.

Here, while RulePolicy predicts (`predict_action_probabilities`), only the
last N states are computed, N being its longest rule (in states), exactly as
Rasa computes them: the same prior trackers (the applied events replayed), the
same `get_active_state` and `_clean_state`, the same choice of text or intent
for the last user input. Training and Rasa's rule checks (contradictions,
rules used in stories) still see every state. The one thing that differs is
the description of "no rule applies" that `_find_action_from_rules` returns,
which prediction does not use (`hide_rule_turn` looks it up among rule keys,
and a rule whose states equal the last N would have applied).
tests/components/test_rule_states.py compares predictions with and without
this over long conversations, through the trained model.
"""

from __future__ import annotations

import copy
import functools
import logging
from contextvars import ContextVar
from typing import Any

from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_predict = RulePolicy.predict_action_probabilities
_rasas_prediction_states = Policy._prediction_states
_states_window: ContextVar[int | None] = ContextVar("rule_states_window", default=None)


def longest_rule(policy: RulePolicy) -> int:
    """The most states any rule (or unhappy-path loop rule) compares."""
    longest = policy.__dict__.get("_longest_rule")
    if longest is None:
        keys = list(policy.lookup.get(RULES, {})) + list(policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {}))
        longest = max((len(policy._rule_key_to_state(key)) for key in keys), default=0)
        policy.__dict__["_longest_rule"] = longest
    return longest


def last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    """`tracker.past_states(domain)[-count:]`, computing only those states.

    As Domain.states_for_tracker_history (ignore_rule_only_turns=False) over
    DialogueStateTracker.generate_all_prior_trackers: one state before each
    applied ActionExecuted, and one for the tracker as it is. RulePolicy asks
    twice per prediction (text, then intent) for the same tracker: the states
    are remembered on the tracker until an event is added, and handed out as
    copies (the featurizer edits them).
    """
    events = tracker.events
    key = (len(events), events[-1] if events else None, count, domain)
    memo = tracker.__dict__.get("_rule_states_memo")
    if memo is None or not all(
        a is b or (type(a) is int and a == b) for a, b in zip(memo[0], key, strict=True)
    ):
        memo = tracker.__dict__["_rule_states_memo"] = (key, _last_states(tracker, domain, count))
    return copy.deepcopy(memo[1])


def _last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    applied = tracker.applied_events()
    points = 1 + sum(1 for event in applied if isinstance(event, ActionExecuted))
    first = points - count
    prior = tracker.init_copy()
    states: list[State] = []
    point = 0
    for event in applied:
        if isinstance(event, ActionExecuted):
            if point >= first:
                states.append(domain._clean_state(domain.get_active_state(prior)))
            point += 1
        prior.update(event)
    states.append(domain._clean_state(domain.get_active_state(prior)))
    return states


def prediction_states(
    self: RulePolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    use_text_for_last_user_input: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """Policy._prediction_states; while predicting, only the states a rule can reach."""
    window = _states_window.get()
    featurizer = self.featurizer
    if (
        window is None
        or type(featurizer) is not MaxHistoryTrackerFeaturizer
        or featurizer.max_history is not None
        or self.supported_data() == SupportedData.ML_DATA
    ):
        return _rasas_prediction_states(self, tracker, domain, use_text_for_last_user_input, rule_only_data)
    # MaxHistoryTrackerFeaturizer.prediction_states for one tracker, with max_history None,
    # no rule-only turns ignored and no action_unlikely_intent removed (as RulePolicy asks).
    trackers_as_states = [last_states(tracker, domain, window)]
    featurizer._choose_last_user_input(trackers_as_states, use_text_for_last_user_input)
    return trackers_as_states[0]


@functools.wraps(_rasas_predict)  # Rasa's graph validation reads this method's signature
def predict_action_probabilities(
    # Not annotated: Rasa's graph validation reads every annotated parameter of a
    # graph method as an input it must supply, and then refuses to train.
    self,
    tracker: DialogueStateTracker,
    domain: Domain,
    rule_only_data: dict[str, Any] | None = None,
    **kwargs: Any,
) -> PolicyPrediction:
    """RulePolicy.predict_action_probabilities, comparing rules with the last states only."""
    token = _states_window.set(max(longest_rule(self), 1))
    try:
        return _rasas_predict(self, tracker, domain, rule_only_data=rule_only_data, **kwargs)
    finally:
        _states_window.reset(token)


def _written_against_this_rasa() -> bool:
    """Rasa's code still builds and compares the states as described above."""
    return still_contains(
        {
            RulePolicy._get_possible_keys: [
                "for i, state in enumerate(reversed(states)):",
                "lambda _key: self._is_rule_applicable(_key, i, state)",
            ],
            RulePolicy._is_rule_applicable: [
                "if turn_index >= len(reversed_rule_states):\n            return True"
            ],
            RulePolicy._find_action_from_rules: [
                "rule_keys = self._get_possible_keys(self.lookup[RULES], states)",
                "self.lookup[RULES_FOR_LOOP_UNHAPPY_PATH], states",
                "best_rule_key or self._create_feature_key(states)",
            ],
            MaxHistoryTrackerFeaturizer.prediction_states: [
                "self.slice_state_history(states, self.max_history)",
                "self._choose_last_user_input(trackers_as_states, use_text_for_last_user_input)",
            ],
            MaxHistoryTrackerFeaturizer._create_states: ["return tracker.past_states("],
            Domain.states_for_tracker_history: [
                "for tr, hide_rule_turn in tracker.generate_all_prior_trackers():",
                "state = self.get_active_state(tr, omit_unset_slots=omit_unset_slots)",
                "states.append(self._clean_state(state))",
            ],
            DialogueStateTracker.generate_all_prior_trackers: [
                "for event in self.applied_events():",
                "if isinstance(event, ActionExecuted):",
                "yield tracker, event.hide_rule_turn",
                "tracker.update(event)",
                "yield tracker, False",
            ],
            _rasas_prediction_states: [
                "return self.featurizer.prediction_states(",
                "ignore_rule_only_turns=self.supported_data() == SupportedData.ML_DATA",
            ],
        }
    )


if _written_against_this_rasa():
    RulePolicy.predict_action_probabilities = predict_action_probabilities
    RulePolicy._prediction_states = prediction_states
else:  # a different Rasa: keep its own methods rather than guess
    logger.warning("RulePolicy's state handling has changed; not adjusted")
