#!/usr/bin/env python
"""A fresh held-out set (bench/fresh_23_N.yml) against a running bot; prints figures, asserts nothing.

The set is written by a session that read only ../shared/seeds/ (bench/fresh_set_prompt.md)
and is run ONCE: never tune on it. Its four lists:

- unanswerable: [text, closest]: admitted when the reply says the pages don't cover /
  don't say / can't find it AND gives the recruitment helpline;
- answerable: [text, page, must_say]: answered when every must_say phrase is in the reply
  (case-insensitive);
- two_questions: [text, must_say]: both answered when every must_say phrase is there
  (must_say may be one list, or one list per question);
- follow_ups: [first, second, must_say | unanswerable]: the second reply, in the same
  conversation, holds every must_say, or is admitted when `unanswerable: true`.

For every message of every list it also counts an eligibility check or interview
practice opened by a question.

    .venv/bin/python bench/fresh_sets.py bench/fresh_23_1.yml [--url http://127.0.0.1:5005] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
from pathlib import Path

import requests
import yaml

HONEST = re.compile(r"don't cover|don't say|can't find|doesn't say|don't mention", re.IGNORECASE)
HELPLINE = "0808 164 9883"
OPENED = re.compile(r"How old are you|Let's see which way|Let's practise|practice question", re.IGNORECASE)


class Conversation:
    def __init__(self, url: str):
        self.url = url
        self.sender = "fresh-" + uuid.uuid4().hex[:10]

    def say(self, text: str) -> str:
        messages = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=60
        ).json()
        return "\n".join(m.get("text") or "" for m in messages)


def admitted(reply: str) -> bool:
    return bool(HONEST.search(reply)) and HELPLINE in reply


def phrases(must_say) -> list[str]:
    """must_say as a flat list of phrases (one list, a list per question, or a string)."""
    if must_say is None:
        return []
    if isinstance(must_say, str):
        return [must_say]
    out: list[str] = []
    for item in must_say:
        out.extend(phrases(item))
    return out


def missing(reply: str, must_say) -> list[str]:
    low = reply.lower()
    return [p for p in phrases(must_say) if str(p).lower() not in low]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("set", type=Path)
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    data = yaml.safe_load(args.set.read_text(encoding="utf-8")) or {}
    results: dict[str, dict] = {}
    opened: list[str] = []

    def ask(text: str, conversation: Conversation | None = None) -> str:
        reply = (conversation or Conversation(args.url)).say(str(text))
        if OPENED.search(reply):
            opened.append(str(text))
        return reply

    failures: list[str] = []
    items = data.get("unanswerable") or []
    ok = 0
    for item in items:
        reply = ask(item["text"])
        if admitted(reply):
            ok += 1
        else:
            failures.append(f"  not admitted: {item['text']}\n      -> {reply[:200]!r}")
    results["unanswerable admitted"] = {"ok": ok, "of": len(items)}

    for key, label, failure in (
        ("answerable", "answerable answered", "not answered"),
        ("two_questions", "two questions, both answered", "not both"),
    ):
        items = data.get(key) or []
        ok = 0
        for item in items:
            reply = ask(item["text"])
            lacking = missing(reply, item.get("must_say"))
            if not lacking:
                ok += 1
            else:
                failures.append(f"  {failure}: {item['text']}\n      missing {lacking} -> {reply[:200]!r}")
        results[label] = {"ok": ok, "of": len(items)}

    items = data.get("follow_ups") or []
    ok = 0
    for item in items:
        conversation = Conversation(args.url)
        ask(item["first"], conversation)
        reply = ask(item["second"], conversation)
        if item.get("unanswerable"):
            good, why = admitted(reply), "not admitted"
        else:
            lacking = missing(reply, item.get("must_say"))
            good, why = not lacking, f"missing {lacking}"
        if good:
            ok += 1
        else:
            failures.append(
                f"  follow-up: {item['first']} / {item['second']}\n      {why} -> {reply[:200]!r}"
            )
    results["follow-ups answered"] = {"ok": ok, "of": len(items)}
    results["check or practice opened by a question"] = {"ok": len(opened), "of": None}

    print("\n".join(failures))
    for name, figure in results.items():
        if figure["of"] is None:
            print(f"{name}: {figure['ok']}" + (f" ({'; '.join(opened)})" if opened else ""))
        else:
            share = 100 * figure["ok"] / figure["of"] if figure["of"] else 0.0
            print(f"{name}: {figure['ok']}/{figure['of']} ({share:.1f}%)")
    if args.json:
        args.json.write_text(
            json.dumps({"results": results, "failures": failures, "opened": opened}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
