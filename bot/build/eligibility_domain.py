"""The eligibility check's part of the domain, generated from the field registry.

The domain is the directory domain/ (Rasa merges every file in it): the
top-level domain.yml, written by hand (domain/domain.yml links to it), and
domain/eligibility.yml, this module's output, whole, from
bot/eligibility/fields.py: the profile's slots, the form's required slots (in
asking order) and the questions (`utter_ask_<field>`, with their buttons).
`make` rewrites it when the registry changes (never the hand-edited file),
and tests/unit/test_fields.py fails if it is not current.

    python -m bot.build.eligibility_domain domain/eligibility.yml    rewrite it
    python -m bot.build.eligibility_domain --check domain/eligibility.yml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.eligibility.fields import ASKING_ORDER, FIELDS

SOURCE = "generated from bot/eligibility/fields.py by make; edit the registry, not this file"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _slot(name: str, meaning: str) -> list[str]:
    return [
        f"  # {meaning}",
        f"  {name}:",
        "    type: any",
        "    influence_conversation: false",
        "    mappings: [{type: custom}]",
    ]


def slots_block() -> list[str]:
    lines: list[str] = []
    for f in FIELDS:
        lines += _slot(f.name, f.meaning)
        for name, meaning in f.companions:
            lines += _slot(name, meaning)
    return lines


def form_block() -> list[str]:
    return [f"      - {name}" for name in ASKING_ORDER]


def questions_block() -> list[str]:
    lines: list[str] = []
    for f in FIELDS:
        if not (f.asked and f.question):
            continue  # asked by an action (action_ask_<name>), or never asked
        lines += [f"  utter_ask_{f.name}:", f"    - text: {_quoted(f.question)}"]
        if f.buttons:
            lines.append("      buttons:")
            lines += [
                f"        - {{title: {_quoted(title)}, payload: {_quoted(payload)}}}"
                for title, payload in f.buttons
            ]
    return lines


BLOCKS = {
    "eligibility slots": slots_block,
    "eligibility form": form_block,
    "eligibility questions": questions_block,
}


HEADER = f"""# The eligibility check's slots, form and questions: {SOURCE}.
# Rasa merges this file with domain.yml (the domain is the directory domain/).
version: "3.1"
"""


def render() -> str:
    """The generated domain file."""
    lines = [HEADER.rstrip("\n"), "", "slots:", *slots_block(), "", "forms:", "  eligibility_form:"]
    lines += ["    # The validation action narrows this to what can still change the answer."]
    lines += ["    required_slots:", *form_block(), "", "responses:", *questions_block()]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    check = argv[:1] == ["--check"]
    paths = argv[1:] if check else argv
    if len(paths) != 1:
        print(
            "usage: python -m bot.build.eligibility_domain [--check] domain/eligibility.yml", file=sys.stderr
        )
        return 2
    path = Path(paths[0])
    current = path.read_text(encoding="utf-8") if path.exists() else None
    wanted = render()
    if wanted == current:
        return 0
    if check:
        print(f"{path} is not current: run `make {path}`", file=sys.stderr)
        return 1
    path.write_text(wanted, encoding="utf-8")  # only when changed: an unchanged file keeps its
    print(f"{path}: eligibility slots, form and questions written from the field registry")
    return 0  # time, so make does not retrain for nothing


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
