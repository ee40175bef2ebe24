#!/usr/bin/env python
"""How honest the answers are, on a running bot; prints figures, asserts nothing.

- covered questions refused: of the held-out FAQ questions (bench/heldout_nlu.yml,
  never trained on), how many got "the pages don't cover / I can't find that"
  rather than their answer (lower is better);
- gaps admitted: of bench/gap_questions.yml (questions the pages don't answer,
  never trained on), how many got a plain "the pages don't cover / don't say /
  can't find" (higher is better), and how many opened the eligibility check.

    .venv/bin/python bench/honesty.py [--url http://127.0.0.1:5005]
"""

from __future__ import annotations

import argparse
import re
import sys
import uuid
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
HONEST = re.compile(r"don't cover|don't say|can't find", re.IGNORECASE)
CHECK_OPENED = re.compile(r"How old are you|Let's see which way", re.IGNORECASE)


def reply(url: str, text: str) -> str:
    messages = requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": "honesty-" + uuid.uuid4().hex[:10], "message": text},
        timeout=30,
    ).json()
    return "\n".join(m.get("text") or "" for m in messages)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.knowledge import load_knowledge

    kb = load_knowledge()

    heldout = yaml.safe_load((ROOT / "bench" / "heldout_nlu.yml").read_text())
    covered = [
        line.lstrip("- ").strip()
        for block in heldout["nlu"]
        if kb.topic_for_intent(block["intent"])
        for line in block["examples"].splitlines()
        if line.strip()
    ]
    refused = [q for q in covered if HONEST.search(reply(args.url, q))]
    gaps = yaml.safe_load((ROOT / "bench" / "gap_questions.yml").read_text())["questions"]
    replies = {q: reply(args.url, q) for q in gaps}
    admitted = [q for q, r in replies.items() if HONEST.search(r)]
    opened = [q for q, r in replies.items() if CHECK_OPENED.search(r)]
    for q in refused:
        print(f"  refused (covered): {q}")
    for q, r in replies.items():
        if q not in admitted:
            print(f"  not admitted (gap): {q}\n      -> {r[:120]!r}")
    print(
        f"covered questions refused: {len(refused)}/{len(covered)} ({100 * len(refused) / len(covered):.1f}%)"
    )
    print(
        f"gaps admitted: {len(admitted)}/{len(gaps)} ({100 * len(admitted) / len(gaps):.1f}%); "
        f"check opened by a gap question: {len(opened)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
