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

Reaching those last states still meant replaying the conversation from its
first event into a new tracker (Rasa's `generate_all_prior_trackers`): at
message 200, a sixth of a turn. So the walk's tracker is kept on the
conversation's tracker, stopped where the window of the last N states begins,
and the next turn walks it on from there (on a copy, for the window) as long
as the applied events it walked are still the conversation's first applied
events, the same objects in the same order; after a revert, restart or new
session that changed them, it walks from the start as Rasa does.

Used by the project's rule policy (rasa_tuning/rule_policy.py) for
`predict_action_probabilities` and `_prediction_states`, where
`written_against_this_rasa()`.
"""

from __future__ import annotations

import copy
import itertools
import logging
import operator
from contextvars import ContextVar
from typing import Any, NamedTuple

from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
from rasa.core.policies.policy import Policy, SupportedData
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, DefinePrevUserUtteredFeaturization, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

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


class _Checkpoint(NamedTuple):
    """Rasa's prior tracker of a walk over `walked` (applied events), stopped there."""

    walked: list[Event]
    prior: DialogueStateTracker


def _last_states(tracker: DialogueStateTracker, domain: Domain, count: int) -> list[State]:
    applied = tracker.applied_events()
    # The window: the last count - 1 applied ActionExecuted, then the tracker as it is.
    start, wanted = len(applied), count - 1
    while wanted > 0 and start > 0:
        start -= 1
        if isinstance(applied[start], ActionExecuted):
            wanted -= 1
    if wanted > 0:
        start = 0
    prior = _prior_at(tracker, applied, start).copy()
    states: list[State] = []
    for event in itertools.islice(applied, start, None):
        if isinstance(event, ActionExecuted):
            states.append(domain._clean_state(domain.get_active_state(prior)))
        prior.update(event)
    states.append(domain._clean_state(domain.get_active_state(prior)))
    return states


def _marks_an_earlier_message(applied: list[Event], start: int) -> bool:
    """Whether a featurization mark after `start` applies to a user message before it.

    Applying DefinePrevUserUtteredFeaturization changes the latest user message
    (the event object), and Rasa's walk applies it again each time. Rasa adds it
    right after the message it marks, before the next action, so the two are on
    the same side of a window's start (always an action) and the kept walk sees
    the message as Rasa's walk does; if not, walk from the start."""
    for event in itertools.islice(applied, start, None):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, DefinePrevUserUtteredFeaturization):
            return True
    return False


def _prior_at(tracker: DialogueStateTracker, applied: list[Event], start: int) -> DialogueStateTracker:
    """Rasa's prior tracker after the first `start` applied events (generate_all_prior_trackers'
    walk, stopped there). Kept on the tracker, it is walked on from where it stopped when the
    applied events it walked are still the first applied events (the same objects): a walk
    over the same events in the same order leaves the same tracker. Otherwise, from the start."""
    checkpoint: _Checkpoint | None = tracker.__dict__.get("_rule_states_checkpoint")
    if (
        checkpoint is None
        or len(checkpoint.walked) > start
        or not all(map(operator.is_, checkpoint.walked, applied))
        or _marks_an_earlier_message(applied, start)
    ):
        checkpoint = _Checkpoint([], tracker.init_copy())
    prior = checkpoint.prior
    for event in itertools.islice(applied, len(checkpoint.walked), start):
        prior.update(event)
    tracker.__dict__["_rule_states_checkpoint"] = _Checkpoint(applied[:start], prior)
    return prior


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


def states_window(policy: RulePolicy) -> Any:
    """While the returned token is set, `prediction_states` computes the last states only
    (reset it with `_states_window.reset(token)`)."""
    return _states_window.set(max(longest_rule(policy), 1))


def end_states_window(token: Any) -> None:
    _states_window.reset(token)


def written_against_this_rasa() -> bool:
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
                "tracker = self.init_copy()",
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
