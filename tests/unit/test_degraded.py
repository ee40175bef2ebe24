from bot.conversation.degraded import degraded_reply
from bot.knowledge import load_knowledge


def test_the_degraded_reply_says_what_happened_gives_the_helpline_and_invites_a_retry():
    kb = load_knowledge()
    reply = degraded_reply(kb)
    assert "went wrong" in reply.text
    assert kb.fact("helpline_number").text in reply.text  # the number as knowledge/ states it
    assert "try again" in reply.text
    assert "?" not in reply.text and not reply.buttons


def test_a_visitor_at_risk_gets_the_safety_reply_even_when_the_action_server_is_down():
    reply = degraded_reply(load_knowledge(), "i can't keep myself safe tonight")
    assert "116 123" in reply.text and "999" in reply.text
    assert "something went wrong" not in reply.text
