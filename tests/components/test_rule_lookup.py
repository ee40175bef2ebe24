"""RulePolicy finds the same rules through the index as by comparing every rule.

The project's RulePolicy, trained on data/, before every action of all test
stories run one after another in one tracker (the fixtures in
tests/components/conftest.py): the rules found with rasa_tuning.rule_lookup are Rasa's,
for both rule lookups, from the intent and from the text, over the last states
and over the whole history.
"""

import json

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.constants import SHOULD_NOT_BE_SET

from rasa_tuning import rule_lookup, rule_states
from rasa_tuning.rule_policy import IndexedRulePolicy
from tests.components.test_rule_states import points_before_actions


def states_seen(policy, tracker, domain):
    rule_only = policy._get_rule_only_data()
    for use_text in (True, False):
        yield policy._prediction_states(tracker, domain, use_text, rule_only_data=rule_only)


def test_the_rules_found_are_rasas(policy, long_conversation, domain):
    compared = pruned = 0
    token = rule_states._states_window.set(rule_states.longest_rule(policy))
    try:
        for tracker in points_before_actions(long_conversation, domain):
            for states in states_seen(policy, tracker, domain):
                for name in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH):
                    lookup = policy.lookup[name]
                    ours = rule_lookup.get_possible_keys(policy, lookup, states)
                    assert ours == rule_lookup._rasas_possible_keys(policy, lookup, states)
                    compared += 1
                    candidates = rule_lookup.index_for(policy, lookup).candidates(states[-1])
                    pruned += len(candidates) < len(lookup) / 4
    finally:
        rule_states._states_window.reset(token)
    assert compared > 1000
    assert pruned > compared / 4  # the index does leave most rules out


def test_what_a_rule_requires_of_the_latest_state():
    def key(*states):
        return json.dumps(list(states))

    faq = key({"prev_action": {"action_name": "action_listen"}, "user": {"intent": "ask_pqip"}})
    assert rule_lookup.requirement(faq) == ("action_listen", "ask_pqip")
    start = key({"user": {"intent": "greet"}})  # conversation_start: no previous action
    assert rule_lookup.requirement(start) == (None, None)
    negated = key({"prev_action": {"action_name": SHOULD_NOT_BE_SET}, "user": {"intent": "greet"}})
    assert rule_lookup.requirement(negated) == (None, "greet")
    by_text = key({"prev_action": {"action_text": "hi"}, "active_loop": {"name": "eligibility_form"}})
    assert rule_lookup.requirement(by_text) == (None, None)


def test_hand_made_rules_of_every_kind_are_found_as_rasa_finds_them(policy):
    """Kinds of rule the project's data doesn't have (a conversation start, no intent,
    a negated action), against states with and without a previous action or intent."""
    listen = {"action_name": "action_listen"}
    rule_states_list = [
        [{"user": {"intent": "greet"}}],  # conversation_start: true
        [{"prev_action": listen, "user": {"intent": "greet"}}],
        [{"prev_action": listen}],
        [{"prev_action": {"action_name": "utter_greet"}}],
        [{"prev_action": {"action_name": SHOULD_NOT_BE_SET}, "user": {"intent": "bye"}}],
        [
            {"prev_action": listen, "user": {"intent": "greet"}},
            {"prev_action": {"action_name": "utter_greet"}},
        ],
        [{"prev_action": {"action_text": "hi"}}],
    ]
    lookup = {json.dumps(states): "action_x" for states in rule_states_list}
    conversation_states = [
        {},
        {"user": {"intent": "greet"}},
        {"prev_action": listen, "user": {"intent": "greet"}},
        {"prev_action": listen, "user": {"intent": "bye"}},
        {"prev_action": listen, "user": {"text": "hello"}},
        {"prev_action": {"action_name": "utter_greet"}},
        {"prev_action": {"action_text": "hi"}},
    ]
    found = 0
    for latest in conversation_states:
        for before in ([], [{"prev_action": listen, "user": {"intent": "greet"}}]):
            states = [*before, latest]
            ours = rule_lookup.get_possible_keys(policy, lookup, states)
            assert ours == rule_lookup._rasas_possible_keys(policy, lookup, states), states
            found += len(ours)
    assert found >= 10


def test_a_changed_lookup_is_indexed_again(policy):
    lookup = dict(policy.lookup[RULES])
    first = rule_lookup.index_for(policy, lookup)
    assert rule_lookup.index_for(policy, lookup) is first
    lookup.pop(next(iter(lookup)))
    assert rule_lookup.index_for(policy, lookup) is not first


def test_rasa_is_the_code_this_was_written_for(policy):
    assert rule_lookup.written_against_this_rasa()
    assert IndexedRulePolicy.active()["rule_lookup"]
    assert RulePolicy._get_possible_keys is rule_lookup._rasas_possible_keys  # Rasa's class is Rasa's
