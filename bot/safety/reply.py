"""The safety reply, from knowledge/safety.yml: short, kind, the numbers first.

No career facts, no check question and no interview question: what was under
way is paused (the actions keep it) and a button offers to carry on later.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.knowledge import KNOWLEDGE_DIR
from bot.knowledge.files import KnowledgeError, read_yaml
from bot.rasa_names import Forms, Intents, payload
from bot.replies import Button, Reply

SAFETY_FILE = KNOWLEDGE_DIR / "safety.yml"

# What a paused activity is called on the button that resumes it.
RESUME_TITLES = {
    Forms.ELIGIBILITY: "Carry on with the eligibility check",
    Forms.INTERVIEW: "Carry on with interview practice",
}


@dataclass(frozen=True)
class Contact:
    id: str
    text: str
    first_for: tuple[str, ...]


@dataclass(frozen=True)
class SafetyInfo:
    checked: str
    opening: str
    contacts: tuple[Contact, ...]
    closing: str
    paused: str


@functools.lru_cache(maxsize=1)
def load_safety() -> SafetyInfo:
    data = read_yaml(SAFETY_FILE, "safety")
    try:
        contacts = tuple(
            Contact(str(c["id"]), " ".join(str(c["text"]).split()), tuple(c.get("first_for") or ()))
            for c in data["contacts"]
        )
        info = SafetyInfo(
            checked=str(data["checked"]),
            opening=" ".join(str(data["opening"]).split()),
            contacts=contacts,
            closing=" ".join(str(data["closing"]).split()),
            paused=" ".join(str(data["paused"]).split()),
        )
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(f"{SAFETY_FILE.name}: missing or malformed entry ({exc})") from None
    if not info.contacts:
        raise KnowledgeError(f"{SAFETY_FILE.name}: no contacts")
    return info


def safety_reply(kind: str | None, paused: str | None = None, info: SafetyInfo | None = None) -> Reply:
    """The reply for a visitor at risk of `kind`; `paused` names the form put on hold."""
    info = info or load_safety()
    # The file's first contact (999) always leads; then the one for this kind of
    # risk; the others keep their order.
    first, rest = info.contacts[0], info.contacts[1:]
    contacts = [first] + sorted(rest, key=lambda c: 0 if kind in c.first_for else 1)
    lines = [info.opening, ""] + [f"- {c.text}" for c in contacts] + [""]
    buttons = []
    if paused in RESUME_TITLES:
        lines.append(info.paused)
        buttons.append(Button(RESUME_TITLES[paused], payload(Intents.RESUME)))
    lines.append(info.closing)
    return Reply("\n".join(lines), buttons)
