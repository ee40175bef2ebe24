"""RulePolicy: find the rules that can apply without comparing every rule with the latest state.

To choose an action, Rasa 3.6's RulePolicy compares each of its rules (about
350 here, most "this FAQ intent, then its answer") with the conversation's
latest state, then the rules left with the state before, and so on
(`_get_possible_keys`). The first comparison, every rule against the latest
state, was 12 % of the Rasa server's time on an FAQ question (py-spy, 23 Nov
2026), although a rule whose last state names another previous action or
another intent can never pass it.

Here a rule lookup's keys are indexed once by what their last state requires
of the latest state: the previous action's name and the user's intent (each
only where the rule sets it, as `_does_rule_match_state` reads it). Rasa's own
comparison (`_is_rule_applicable`) then runs, unchanged, on the rules that
require what the latest state has or require nothing there; the rest it would
have turned down. A rule whose last state has no previous action (a
conversation start) requires nothing. The index is rebuilt whenever the
lookup's keys differ from those it was built from (training builds the lookup
step by step). tests/components/test_rule_lookup.py compares the rules found
with Rasa's before every action of all test stories.

Used by the project's rule policy (rasa_tuning/rule_policy.py) in place of
`RulePolicy._get_possible_keys`, where `written_against_this_rasa()`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import State
from rasa.shared.nlu.constants import ACTION_NAME, INTENT

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_possible_keys = RulePolicy._get_possible_keys

# A rule's requirement on one feature: a name, or ANY where it sets none.
ANY = None
Requirement = tuple[Any, Any]


def required_value(sub_state: Any, key: str) -> Any:
    """What a rule state requires of `key`, as `_does_rule_match_state` compares it."""
    if not isinstance(sub_state, dict):
        return ANY
    value = sub_state.get(key)
    # A value must match only when set and not SHOULD_NOT_BE_SET; only names are indexed.
    if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET:
        return value
    return ANY


def requirement(rule_key: str) -> Requirement:
    """The previous action and intent a rule's last state requires of the latest state."""
    rule_states = RulePolicy._rule_key_to_state(rule_key)
    if not rule_states:
        return (ANY, ANY)
    last = rule_states[-1]
    if not last.get(PREVIOUS_ACTION):  # a conversation start: Rasa's check passes or fails it whole
        return (ANY, ANY)
    return (required_value(last.get(PREVIOUS_ACTION), ACTION_NAME), required_value(last.get(USER), INTENT))


class RuleIndex:
    """One rule lookup's keys, grouped by what they require of the latest state."""

    def __init__(self, lookup: dict[str, str]):
        self.keys = frozenset(lookup)
        self.groups: defaultdict[Requirement, set[str]] = defaultdict(set)
        for key in self.keys:
            self.groups[requirement(key)].add(key)

    def candidates(self, latest: State) -> set[str]:
        """Every rule that can pass the comparison with the latest state (and maybe others)."""
        action = latest.get(PREVIOUS_ACTION, {}).get(ACTION_NAME) or ANY
        intent = latest.get(USER, {}).get(INTENT) or ANY
        found: set[str] = set()
        for wanted in {(action, intent), (action, ANY), (ANY, intent), (ANY, ANY)}:
            found |= self.groups.get(wanted, set())
        return found


def index_for(policy: RulePolicy, lookup: dict[str, str]) -> RuleIndex:
    indexes = policy.__dict__.setdefault("_rule_indexes", {})
    index = indexes.get(id(lookup))
    if index is None or index.keys != lookup.keys():
        index = indexes[id(lookup)] = RuleIndex(lookup)
    return index


def get_possible_keys(self: RulePolicy, lookup: dict[str, str], states: list[State]) -> set[str]:
    """RulePolicy._get_possible_keys, starting from the rules the index allows."""
    if not states:
        return _rasas_possible_keys(self, lookup, states)
    possible_keys = index_for(self, lookup).candidates(states[-1])
    for i, state in enumerate(reversed(states)):
        possible_keys = {key for key in possible_keys if self._is_rule_applicable(key, i, state)}
    return possible_keys


def written_against_this_rasa() -> bool:
    """Rasa still compares rules with states as described above."""
    return still_contains(
        {
            _rasas_possible_keys: [
                "possible_keys = set(lookup.keys())",
                "for i, state in enumerate(reversed(states)):",
                "lambda _key: self._is_rule_applicable(_key, i, state), possible_keys",
            ],
            RulePolicy._is_rule_applicable: [
                "current_previous_action = conversation_state.get(PREVIOUS_ACTION)",
                "rule_previous_action = reversed_rule_states[turn_index].get(PREVIOUS_ACTION)",
                "if not rule_previous_action or not current_previous_action:\n            return False",
                "return self._does_rule_match_state(",
            ],
            RulePolicy._does_rule_match_state: [
                "conversation_sub_state = conversation_state.get(state_type, {})",
                "value_from_rules\n                    and value_from_rules != SHOULD_NOT_BE_SET\n"
                "                    and value_from_conversation != value_from_rules",
            ],
        }
    )
