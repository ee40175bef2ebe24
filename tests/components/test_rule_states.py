"""RulePolicy predicts the same from the last states as from the whole history.

A RulePolicy trained on the project's rules and domain; long conversations made
by running every test story (tests/stories) one after another in one tracker.
Before every action of them, the prediction of the project's rule policy
(rasa_tuning/rule_policy.py, with rasa_tuning.rule_states) is compared with
Rasa's RulePolicy's over the whole history, with the same rules.
"""

import copy

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import rule_states
from rasa_tuning.rule_policy import IndexedRulePolicy


def points_before_actions(events, domain):
    """The tracker before each action: what a prediction sees."""
    tracker = DialogueStateTracker("rules-test", domain.slots)
    for event in events:
        if isinstance(event, ActionExecuted):
            yield tracker
        tracker.update(event)


def test_the_last_states_are_rasas_last_states(long_conversation, domain):
    tracker = DialogueStateTracker.from_events("rules-test", long_conversation[:400], domain.slots)
    everything = tracker.past_states(domain)
    for count in (1, 2, 5, 13, len(everything), len(everything) + 5):
        assert rule_states.last_states(tracker, domain, count) == everything[-count:]


def test_every_prediction_is_rasas(policy, rasas_policy, long_conversation, domain):
    assert 1 <= rule_states.longest_rule(policy) < 30
    compared = 0
    for n, tracker in enumerate(points_before_actions(long_conversation, domain)):
        if n % 3 and n < 300:  # the whole history gets long: check every third early on
            continue
        ours = policy.predict_action_probabilities(tracker, domain)
        rasas = rasas_policy.predict_action_probabilities(tracker, domain)
        assert (ours.policy_name, rasas.policy_name) == ("IndexedRulePolicy", "RulePolicy")
        rasas.policy_name = ours.policy_name  # the one difference: the class's name
        assert ours == rasas, n
        assert ours.hide_rule_turn == rasas.hide_rule_turn
        compared += 1
    assert compared > 100


def matched_rules(policy, tracker, domain, window):
    """The rules (and unhappy-path loop rules) that apply, from text and from intent."""
    token = rule_states._states_window.set(window)
    try:
        return [
            policy._get_possible_keys(
                policy.lookup[lookup],
                policy._prediction_states(
                    tracker, domain, use_text, rule_only_data=policy._get_rule_only_data()
                ),
            )
            for lookup in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH)
            for use_text in (True, False)
        ]
    finally:
        rule_states._states_window.reset(token)


def test_the_same_rules_apply(policy, long_conversation, domain):
    longest = rule_states.longest_rule(policy)
    differ_if_shorter = 0
    for n, tracker in enumerate(points_before_actions(long_conversation, domain)):
        if n % 2:
            continue
        everything = matched_rules(policy, tracker, domain, None)
        assert matched_rules(policy, tracker, domain, longest) == everything, n
        differ_if_shorter += matched_rules(policy, tracker, domain, 1) != everything
    # Fewer states than the rules compare match wrongly, and this comparison sees it.
    assert longest >= 3 and differ_if_shorter


def test_rasas_graph_validation_reads_the_same_method():
    """`rasa train` checks each graph component's method signature: ours must read as Rasa's."""
    from rasa.engine import validation

    for method in ("predict_action_probabilities", "train"):
        ours = validation._get_parameter_information(IndexedRulePolicy, method)
        assert ours == validation._get_parameter_information(RulePolicy, method)


def test_rasa_is_the_code_this_was_written_for():
    assert rule_states.written_against_this_rasa()
    assert IndexedRulePolicy.active() == {"rule_lookup": True, "rule_states": True}


def test_the_walk_kept_between_turns_gives_rasas_states(long_conversation, domain):
    """Walked on turn after turn, with the events that change a user message (its featurization,
    as Rasa marks each message after predicting; entities added to it) and those that change
    which events apply (reverts, a restart, a new session) mixed in: always Rasa's last states,
    and walked on, not afresh."""
    mixed_in = [UserUtteranceReverted(), ActionReverted(), Restarted(), SessionStarted()]
    tracker = DialogueStateTracker("rules-test", domain.slots)
    walked_on = 0
    for n, event in enumerate(copy.deepcopy(long_conversation)):
        tracker.update(event)
        if isinstance(event, UserUttered):
            if n % 5 == 0:
                tracker.update(EntitiesAdded([{"entity": "area", "value": "Wales"}]))
            tracker.update(DefinePrevUserUtteredFeaturization(n % 7 == 0))
        if n % 37 == 0:
            tracker.update(mixed_in[(n // 37) % len(mixed_in)])
        if n % 3:
            continue
        before = tracker.__dict__.get("_rule_states_checkpoint")
        assert rule_states.last_states(tracker, domain, 4) == tracker.past_states(domain)[-4:], n
        after = tracker.__dict__["_rule_states_checkpoint"]
        walked_on += before is not None and after.prior is before.prior and len(after.walked) > 8
    assert walked_on > 100  # the restarts and new sessions mixed in start it afresh


def test_a_mark_after_the_window_begins_on_an_earlier_message_walks_from_the_start(long_conversation, domain):
    tracker = DialogueStateTracker.from_events(
        "rules-test", copy.deepcopy(long_conversation[:200]), domain.slots
    )
    for action in ("utter_greet", "utter_greet", "utter_greet", "action_listen"):
        tracker.update(ActionExecuted(action))
    rule_states.last_states(tracker, domain, 4)
    kept = tracker.__dict__["_rule_states_checkpoint"]
    tracker.update(DefinePrevUserUtteredFeaturization(True))  # not where Rasa puts one: 4 actions late
    tracker.update(ActionExecuted("utter_greet"))
    # Each walk of Rasa's applies the mark to the message the walk has as latest, which here
    # need not be the one the tracker marked: what Rasa returns depends on the walks before
    # it. From the state one walk leaves, every walk (ours from the start, Rasa's) is the same.
    tracker.past_states(domain)
    assert rule_states.last_states(tracker, domain, 4) == tracker.past_states(domain)[-4:]
    assert tracker.__dict__["_rule_states_checkpoint"].prior is not kept.prior
