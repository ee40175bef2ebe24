"""Every limit on the length of text, in one place, with why it has its value.

Each is a different promise, so they differ; test_limits.py keeps them in order
(a message the page lets through is never refused by the webhook, and so on).
"""

# The webhook refuses longer messages with the "too long" reply: nobody types a
# question this long, text beyond it is a paste (bot/conversation/incoming.py).
MESSAGE_CHARS = 2000
# The chat page stops typing here (bot/web/chat.js MAX_LENGTH), below MESSAGE_CHARS.
PAGE_MESSAGE_CHARS = 1000
# The clarifying fallback calls a message this long "a wall of text" and asks for
# one question (bot/conversation/clarify.py); shorter than the page allows.
LONG_MESSAGE_CHARS = 600
# Eligibility answers are short: the parsers read this much and ignore the rest,
# so a paste costs no regex time (bot/eligibility/parsing/text.py).
ANSWER_CHARS_READ = 1000
# A question the bot could not answer is shown to staff cut at this length,
# on one line of the triage card (bot/helpline/card.py).
CARD_QUESTION_CHARS = 300
