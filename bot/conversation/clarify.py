"""The clarifying fallback: what to say when the bot is not sure what was meant.

Low NLU confidence lands here. Unusable input (nothing typed, only emoji,
another language, a wall of text) gets its own plain explanation; anything
else gets "did you mean ...?" with the likeliest topics as buttons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot import limits
from bot.conversation.answers import topic_buttons
from bot.knowledge import Knowledge
from bot.replies import CHECK_ELIGIBILITY, TALK_TO_PERSON, Reply

LONG_MESSAGE_CHARS = limits.LONG_MESSAGE_CHARS  # "a wall of text": bot/limits.py
SUGGESTIONS = 3
POPULAR_TOPICS = ("pqip_length", "entry_requirements", "pso_role")

# Function words: a message with more of another language's than of English's
# is answered with "English only" rather than a wrong guess at a topic.
_ENGLISH_WORDS = set(
    """
the an me my you your is are am was be been do does did can could would should
will how what when where which who why if of on at to for from with and or not
no yes it this that there get have has need want about
""".split()
)
_FOREIGN_WORDS = set(
    """
de la le les el los las que y est et je tu vous nous une un des du au pour avec
ich und der die das ist nicht wie werde bitte ein eine mit für kann
como puedo para por una ser soy estar qué cómo quiero
och jag är hur kan
czy nie się jak jest być
o e um uma não ser
""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def known_words(text: str) -> set:
    """The lower-case words of a text, as the classifier's vocabulary guard compares them."""
    return set(_WORD.findall((text or "").lower()))


def input_kind(text: str) -> str:
    """'empty', 'no_words', 'non_english', 'too_long' or 'ok'."""
    stripped = (text or "").strip()
    if not stripped:
        return "empty"
    words = _WORD.findall(stripped.lower())
    if not words:
        # A bare number ("21") is an answer (an age, a count); symbols and emoji are not.
        return "ok" if re.search(r"\d", stripped) else "no_words"
    letters = "".join(words)
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    if non_ascii / len(letters) > 0.3:
        return "non_english"
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    foreign = sum(1 for w in words if w in _FOREIGN_WORDS)
    if foreign >= 2 and foreign > english:
        return "non_english"
    if len(stripped) > LONG_MESSAGE_CHARS:
        return "too_long"
    return "ok"


_UNUSABLE = {
    "empty": "I didn't receive any text. Type a question about becoming a probation officer, "
    "or pick one of these:",
    "no_words": "I can only read words, not emoji or symbols. Type a question about probation "
    "careers, or pick one of these:",
    "non_english": "Sorry, I can only answer in English. You can ask about training as a "
    "probation officer, or pick one of these:",
    "too_long": "That's a long message, and I work best with one question at a time. "
    "Could you ask your main question in a sentence? Or pick one of these:",
}


def likely_topics(kb: Knowledge, intent_ranking: Iterable[Mapping]) -> list:
    topics = []
    for candidate in intent_ranking:
        topic = kb.topic_for_intent(candidate.get("name") or "")
        if topic and topic not in topics:
            topics.append(topic)
        if len(topics) == SUGGESTIONS:
            break
    return topics


def unusable_reply(kb: Knowledge, kind: str) -> Reply:
    """What input of this `input_kind` (other than 'ok') gets: why, and the popular topics.

    Also used by the REST channel (channels/capped_rest.py) for messages too long to take in.
    """
    popular = [kb.topics[t] for t in POPULAR_TOPICS if t in kb.topics]
    return Reply(_UNUSABLE[kind], topic_buttons(popular) + [CHECK_ELIGIBILITY, TALK_TO_PERSON])


def clarify_reply(kb: Knowledge, text: str, intent_ranking: Iterable[Mapping]) -> Reply:
    kind = input_kind(text)
    if kind != "ok":
        return unusable_reply(kb, kind)
    topics = likely_topics(kb, intent_ranking)
    if not topics:
        return Reply(
            "Sorry, I'm not sure what you mean. I can answer questions about becoming a probation "
            "officer, or check your eligibility.",
            [CHECK_ELIGIBILITY, TALK_TO_PERSON],
        )
    # Say what the bot is for: a question from another field ("weather in Leeds")
    # lands here too, and unrelated topic buttons alone would puzzle the visitor.
    return Reply(
        "Sorry, I'm not sure I understood. I only answer questions about probation "
        "careers. Did you mean one of these?",
        topic_buttons(topics) + [TALK_TO_PERSON],
    )
