"""What a visitor sees when a part of the bot is down: never silence.

Nearly every answer is composed by the action server. When it refuses, errors
or does not answer in time, channels/failure_guard.py sends this instead of an
empty reply. The helpline number comes from knowledge/ (facts.yml), like every
other fact the bot states.
"""

from __future__ import annotations

from bot.knowledge import Knowledge
from bot.replies import Reply
from bot.safety import assess, safety_reply


def degraded_reply(kb: Knowledge, text: str = "") -> Reply:
    """Plain words: something went wrong, a person to call, and try again.

    A visitor at risk still gets the safety contacts: they need no action server.

    No question mark: the turn asks nothing, and the visitor's last message is
    taken back, so sending it again carries on from where the conversation was.
    """
    risk = assess(text)
    if risk is not None:
        return safety_reply(risk.kind)
    return Reply(
        "Sorry, something went wrong on our side and I can't answer that just now. "
        f"{kb.fact('helpline_number').text} "
        "Or please try again in a minute: send your message again and I'll carry on "
        "from where we were."
    )
