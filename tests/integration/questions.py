"""Which eligibility question a bot turn asks, read as the shared harness reads it:
by keywords in the turn's last line. Shared by the live eligibility tests."""

import re

# Keywords in the bot's last line -> which persona fact answers it; first match wins.
QUESTION_RULES: list[tuple[str, str]] = [
    (r"how old|your age", "age"),
    (r"right to work", "right_to_work"),
    (
        r"where do you want to work|where are you hoping to work|where do you live|which nation|which country",
        "nation",
    ),
    (r"level 3 vocational|vocational qualification", "vq3"),
    (r"knowledge modules|\(0 to 4\)|four areas|these \d areas", "modules"),
    (r"experience", "experience"),
    (r"qualification|degree", "qualification"),
]


def squash(text: str) -> str:
    return " ".join(text.split())


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def question_key(bot_text: str) -> str | None:
    line = last_line(bot_text)
    return next((key for pattern, key in QUESTION_RULES if re.search(pattern, line, re.I)), None)
