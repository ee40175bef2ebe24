"""The eligibility check's part of domain.yml, generated from the field registry.

domain.yml keeps everything else written by hand; three blocks in it, between
`# >>> NAME` and `# <<< NAME` marker comments, are written from
bot/eligibility/fields.py: the profile's slots, the form's required slots (in
asking order) and the questions (`utter_ask_<field>`, with their buttons).
`make` rewrites them when the registry changes, and
tests/unit/test_fields.py fails if domain.yml is not current.

    python -m bot.build.eligibility_domain domain.yml    rewrite the blocks in place
    python -m bot.build.eligibility_domain --check domain.yml
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bot.eligibility.fields import ASKING_ORDER, FIELDS

SOURCE = "generated from bot/eligibility/fields.py by make; edit the registry, not these lines"


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


def render(domain: str) -> str:
    """`domain` with each generated block rewritten; a missing marker is an error."""
    for name, block in BLOCKS.items():
        pattern = re.compile(
            rf"^(?P<indent>[ ]*)# >>> {re.escape(name)}\b.*?\n.*?"
            rf"^(?P=indent)# <<< {re.escape(name)}\n",
            re.S | re.M,
        )
        match = pattern.search(domain)
        if match is None:
            raise ValueError(f"domain.yml: no '# >>> {name}' ... '# <<< {name}' block")
        indent = match.group("indent")
        text = "\n".join([f"{indent}# >>> {name}: {SOURCE}", *block(), f"{indent}# <<< {name}"]) + "\n"
        domain = domain[: match.start()] + text + domain[match.end() :]
    return domain


def main(argv: list[str]) -> int:
    check = argv[:1] == ["--check"]
    paths = argv[1:] if check else argv
    if len(paths) != 1:
        print("usage: python -m bot.build.eligibility_domain [--check] domain.yml", file=sys.stderr)
        return 2
    path = Path(paths[0])
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if wanted == current:
        return 0
    if check:
        print(f"{path} is not current: run `make {path}`", file=sys.stderr)
        return 1
    path.write_text(wanted, encoding="utf-8")  # only when changed: an unchanged file keeps its
    print(f"{path}: eligibility slots, form and questions rewritten from the field registry")
    return 0  # time, so make does not retrain for nothing


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
