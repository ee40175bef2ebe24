"""What the chat webhook accepts (bot/conversation/incoming.py): limits, refusals, the "too long" reply."""

import json

import pytest

from bot.conversation.clarify import LONG_MESSAGE_CHARS, clarify_reply
from bot.conversation.incoming import (
    MAX_BODY_BYTES,
    MAX_MESSAGE_CHARS,
    MAX_SENDER_CHARS,
    ChatRequest,
    Refusal,
    is_too_long,
    read_request,
    too_long_replies,
)
from bot.knowledge import load_knowledge
from bot.replies import Reply


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


def test_a_chat_message_is_read():
    assert read_request(body(sender="abc", message="How long is the PQiP?")) == ChatRequest(
        "abc", "How long is the PQiP?", None
    )
    assert read_request(body(sender="abc", message="", metadata={"page": "home"})) == ChatRequest(
        "abc", "", {"page": "home"}
    )


def test_odd_but_real_text_is_accepted():
    for text in ("😀🎉", "مرحبا", "hello\x00\x07 world", "<script>alert(1)</script>", "\u202e\ufeffhi"):
        assert isinstance(read_request(body(sender="s", message=text)), ChatRequest), repr(text)


REFUSED = {
    "not_json": b"{bad",
    "empty_body": b"",
    "invalid_utf8": b'{"sender": "s", "message": "\xff\xfe"}',
    "deep_nesting": b"[" * 50000,
    "a_list": b"[1, 2]",
    "a_string": b'"hello"',
    "no_sender": body(message="hi"),
    "sender_number": body(sender=5, message="hi"),
    "sender_null": body(sender=None, message="hi"),
    "sender_blank": body(sender="  ", message="hi"),
    "sender_nul": body(sender="a\x00b", message="hi"),
    "sender_zero_width": body(sender="a\u200bb", message="hi"),
    "sender_too_long": body(sender="s" * (MAX_SENDER_CHARS + 1), message="hi"),
    "no_message": body(sender="s"),
    "message_null": body(sender="s", message=None),
    "message_number": body(sender="s", message=5),
    "message_list": body(sender="s", message=["hi"]),
    "message_object": body(sender="s", message={"text": "hi"}),
    "lone_surrogate": b'{"sender": "s", "message": "\\ud800"}',
    "metadata_string": body(sender="s", message="hi", metadata="x"),
}


@pytest.mark.parametrize("raw", list(REFUSED.values()), ids=list(REFUSED))
def test_malformed_requests_are_refused_with_a_400_and_a_short_reason(raw):
    refusal = read_request(raw)
    assert isinstance(refusal, Refusal)
    assert refusal.status == 400
    assert 0 < len(refusal.error) < 120 and "\n" not in refusal.error
    assert refusal.as_json() == {"error": refusal.error}


def test_a_huge_body_is_refused_unread_with_413():
    huge = body(sender="s", message="a" * MAX_BODY_BYTES)
    assert read_request(huge) == Refusal(413, f"request body is over {MAX_BODY_BYTES} bytes")
    assert read_request(b"\xff" * (MAX_BODY_BYTES + 1)).status == 413  # not parsed at all


def test_the_body_limit_leaves_room_for_any_message_under_the_message_limit():
    # Worst case: every character a non-BMP emoji, escaped by json.dumps as 12 bytes.
    worst = body(sender="s" * MAX_SENDER_CHARS, message="😀" * MAX_MESSAGE_CHARS, metadata={})
    assert len(worst) <= MAX_BODY_BYTES
    assert isinstance(read_request(worst), ChatRequest)


def test_message_limit_is_above_what_the_page_sends_and_the_clarify_threshold():
    assert MAX_MESSAGE_CHARS >= 1000  # bot/web/chat.js MAX_LENGTH
    assert MAX_MESSAGE_CHARS > LONG_MESSAGE_CHARS


@pytest.mark.parametrize(
    "text,too_long",
    [
        ("a" * MAX_MESSAGE_CHARS, False),
        ("a" * (MAX_MESSAGE_CHARS + 1), True),
        (" " * 5000 + "hello" + "\n" * 5000, False),  # padding is not length
        ("😀" * (MAX_MESSAGE_CHARS + 1), True),
        ("", False),
    ],
)
def test_is_too_long(text, too_long):
    assert is_too_long(text) is too_long


def test_too_long_reply_is_the_clarifying_fallbacks_too_long_reply():
    kb = load_knowledge()
    [reply] = too_long_replies(kb)
    assert reply == clarify_reply(kb, "word " * 1000, [])
    assert "long message" in reply.text
    assert any(b.payload == "/check_eligibility" for b in reply.buttons)


def test_mid_form_the_waiting_question_comes_last():
    kb = load_knowledge()
    question = Reply("Where do you live?")
    replies = too_long_replies(kb, question)
    assert replies[-1] == question and len(replies) == 2
    assert "long message" in replies[0].text
