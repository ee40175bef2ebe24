"""actions/insights.py run as the action server runs it (tests/components/action_server.py):
the "was this helpful?" buttons and the optional comment after "no"."""

from actions.insights import ActionRecordFeedback, ValidateSlotMappings
from bot.insights import feedback
from bot.rasa_names import Entities, Intents, Slots
from tests.components.action_server import Conversation


def clicked(chat: Conversation, intent: str, topic: str) -> Conversation:
    return chat.says(
        f'/{intent}{{"feedback_topic": "{topic}"}}',
        intent,
        1.0,
        entities=[{"entity": Entities.FEEDBACK_TOPIC, "value": topic}],
    )


def test_yes_is_recorded_with_its_topic_and_thanked():
    result = clicked(Conversation(), Intents.FEEDBACK_HELPFUL, "pqip_length").run(ActionRecordFeedback())
    assert result.text == feedback.THANKS_HELPFUL
    assert result.slots == {Slots.FEEDBACK: {"topic": "pqip_length", "helpful": True}}


def test_no_is_recorded_and_asks_what_was_missing():
    result = clicked(Conversation(), Intents.FEEDBACK_NOT_HELPFUL, "contract").run(ActionRecordFeedback())
    assert result.text == feedback.ASK_COMMENT
    assert result.slots == {
        Slots.FEEDBACK: {"topic": "contract", "helpful": False},
        Slots.FEEDBACK_COMMENT_FOR: "contract",
    }


def test_the_next_typed_message_after_no_is_kept_as_the_comment():
    chat = clicked(Conversation(), Intents.FEEDBACK_NOT_HELPFUL, "contract")
    chat.run(ActionRecordFeedback())
    result = chat.says("I wanted the salary in the first year", "faq_contract", 0.6).run(
        ValidateSlotMappings()
    )
    assert result.text == feedback.THANKS_COMMENT
    assert result.slots == {
        Slots.FEEDBACK_COMMENT_FOR: None,
        Slots.FEEDBACK_COMMENT: {"topic": "contract", "text": "I wanted the salary in the first year"},
    }
    # only the first message: the one after is no comment
    later = chat.says("and the hours?", "faq_contract", 0.6).run(ValidateSlotMappings())
    assert later.events == [] and later.messages == []


def test_a_button_after_no_ends_the_wait_without_a_comment():
    chat = clicked(Conversation(), Intents.FEEDBACK_NOT_HELPFUL, "contract")
    chat.run(ActionRecordFeedback())
    result = chat.says("/request_human", Intents.REQUEST_HUMAN, 1.0).run(ValidateSlotMappings())
    assert result.slots == {Slots.FEEDBACK_COMMENT_FOR: None} and result.messages == []
