"""Reference codes a visitor can quote to the recruitment helpline: plain Python, no Rasa.

A code looks like PC-7K3QX: "PC-" and five characters read out over the
phone. The alphabet leaves out 0/O, 1/I/L (easily confused) and the vowels
A/E/U, so a code never spells a word. Codes are random (`secrets`), not
derived from the sender id, so a code reveals nothing about the conversation;
the bot keeps it in the `reference_code` slot, made once per conversation.
"""

from __future__ import annotations

import re
import secrets

from bot.knowledge import Knowledge
from bot.rasa_names import Slots
from bot.replies import Reply

PREFIX = "PC-"
ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"
LENGTH = 5
SLOT = Slots.REFERENCE_CODE

_CANONICAL = re.compile(rf"^PC-[{ALPHABET}]{{{LENGTH}}}$")
# What people type: any case, with or without the dash, spaces or the PC prefix.
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def is_code(text: str) -> bool:
    return bool(_CANONICAL.match(text or ""))


def normalise(text: str | None) -> str | None:
    """'pc7k3qx', 'PC 7K3QX', '7k3qx' -> 'PC-7K3QX'; None when it cannot be a code."""
    compact = _SEPARATORS.sub("", (text or "").upper())
    if compact.startswith("PC") and len(compact) == len("PC") + LENGTH:
        compact = compact[len("PC") :]
    code = PREFIX + compact
    return code if is_code(code) else None


def code_for(existing: str | None) -> str:
    """The conversation's code: the one it already has, else a new one."""
    return existing if existing and is_code(existing) else new_code()


def quote(code: str, when: str = "") -> str:
    """Asking the visitor to quote their code: "Quote this reference ...", or
    after `when` ("When you call") "When you call, quote ...". What it is for is
    said as it is: staff of this service find the conversation by the code (no
    page says the helpline can see a chat)."""
    ask = f"quote this reference, by which staff of this service can find our conversation: {code}."
    return f"{when}, {ask}" if when else ask[0].upper() + ask[1:]


def helpline_note(kb: Knowledge, code: str) -> str:
    """The helpline number (from knowledge/) and the code to quote."""
    return f"{kb.fact('helpline_number').text} {quote(code)}"


def with_helpline(kb: Knowledge, reply: Reply, code: str) -> Reply:
    """A reply that also offers the helpline, for a visitor the bot keeps failing."""
    return Reply(
        f"{reply.text}\n\nIf I still can't help, a person can. {helpline_note(kb, code)}", reply.buttons
    )


def with_code(reply: Reply, code: str) -> Reply:
    """A reply that already gives the helpline number, with the code to quote."""
    return Reply(f"{reply.text} {quote(code)}", reply.buttons)


def outcome_line(kb: Knowledge, code: str) -> str:
    """The last line of an eligibility outcome.

    It is the last line the visitor sees, so it holds no question and none of
    the words the check's questions use: only the helpline and the code.
    """
    return f"{kb.fact('helpline_number').text} Your reference to quote: {code}."


def with_outcome_line(kb: Knowledge, reply: Reply, code: str) -> Reply:
    return Reply(f"{reply.text}\n\n{outcome_line(kb, code)}", reply.buttons)
