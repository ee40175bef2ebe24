from bot.conversation.degraded import degraded_reply
from bot.knowledge import load_knowledge


def test_the_degraded_reply_says_what_happened_gives_the_helpline_and_invites_a_retry():
    kb = load_knowledge()
    reply = degraded_reply(kb)
    assert "went wrong" in reply.text
    assert kb.fact("helpline_number").text in reply.text  # the number as knowledge/ states it
    assert "try again" in reply.text
    assert "?" not in reply.text and not reply.buttons
