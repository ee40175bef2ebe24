"""rasa_tuning.action_payload: the action server gets Rasa's payload, with the recent events
only unless the action reads the whole conversation."""

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_names import Actions
from rasa_tuning import action_payload
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain"))


def conversation(visitor_messages):
    events = [ActionExecuted("action_listen")]
    for n in range(visitor_messages):
        events += [
            UserUttered(f"question {n}", {"name": "faq_pqip", "confidence": 0.9}),
            SlotSet("last_topic", f"topic {n}"),
            ActionExecuted("action_answer_question"),
            BotUttered(f"answer {n}"),
            ActionExecuted("action_listen"),
        ]
    events += [ActiveLoop("eligibility_form"), SlotSet("requested_slot", "age")]
    return DialogueStateTracker.from_events("payload-test", events, DOMAIN.slots)


def payloads(action_name, tracker):
    action = RemoteAction(action_name, None)
    return action._action_call_format(tracker, DOMAIN), action_payload._rasas_call_format(
        action, tracker, DOMAIN
    )


def test_a_long_conversation_sends_the_recent_events_and_everything_else_as_rasa():
    tracker = conversation(40)
    ours, rasas = payloads(Actions.ANSWER_FAQ, tracker)
    assert {k: v for k, v in ours.items() if k != "tracker"} == {
        k: v for k, v in rasas.items() if k != "tracker"
    }
    ours_state, rasas_state = ours["tracker"], rasas["tracker"]
    assert {k: v for k, v in ours_state.items() if k != "events"} == {
        k: v for k, v in rasas_state.items() if k != "events"
    }
    events = ours_state["events"]
    assert events == rasas_state["events"][-len(events) :]  # the tail, in order
    assert events[0]["event"] == "user" and events[0]["text"] == "question 30"
    assert sum(e["event"] == "user" for e in events) == action_payload.RECENT_VISITOR_MESSAGES
    assert (
        ours_state["slots"]["last_topic"] == "topic 39"
        and ours_state["active_loop"]["name"] == "eligibility_form"
    )


def test_the_helpline_card_gets_the_whole_conversation():
    ours, rasas = payloads(Actions.SHOW_TRIAGE, conversation(40))
    assert ours == rasas and len(ours["tracker"]["events"]) == 1 + 5 * 40 + 2


def test_the_domain_says_which_actions_get_the_whole_conversation():
    whole = {name for name in DOMAIN.user_actions if action_payload.reads_whole_conversation(name, DOMAIN)}
    assert whole == {Actions.SHOW_TRIAGE}


def test_a_short_conversation_is_sent_whole():
    ours, rasas = payloads(Actions.ANSWER_FAQ, conversation(action_payload.RECENT_VISITOR_MESSAGES - 1))
    assert ours == rasas


def test_rasa_is_the_code_this_was_written_for():
    assert action_payload._written_against_this_rasa()
    assert RemoteAction._action_call_format is action_payload.action_call_format
