"""How the interview feedback's verdicts compare with an adviser's ratings.

    .venv/bin/python bench/interview_feedback.py [bench/interview_rated.yml]

Reads answers rated strong / middling / weak (bench/interview_rated.yml,
written apart from the unit tests; batch 1 was used once to adjust the cues,
batch 2 was not) and prints, per rating, what the feedback said, the exact
agreement per batch (strong->strong,
middling->developing, weak->weak or not an answer) and the gross errors (a
strong answer called weak, or a weak one called strong).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.interview import feedback as fb  # noqa: E402
from bot.interview.bank import load_bank  # noqa: E402

AGREES = {"strong": {fb.STRONG}, "middling": {fb.DEVELOPING}, "weak": {fb.WEAK, fb.NOT_AN_ANSWER}}
GROSS = {"strong": {fb.WEAK, fb.NOT_AN_ANSWER}, "middling": set(), "weak": {fb.STRONG}}


def main(argv):
    path = Path(argv[0]) if argv else ROOT / "bench" / "interview_rated.yml"
    answers = yaml.safe_load(path.read_text())["answers"]
    bank = load_bank()
    table = Counter()
    agree, gross, counts = Counter(), 0, Counter()
    for item in answers:
        verdict = fb.assess(bank, bank.question(item["question"]), item["text"]).verdict
        batch = item.get("batch", 1)
        table[(item["rating"], verdict)] += 1
        counts[batch] += 1
        agree[batch] += verdict in AGREES[item["rating"]]
        if verdict not in AGREES[item["rating"]]:
            print(f"differs: {item['rating']} answer to {item['question']} (batch {batch}) judged {verdict}")
        if verdict in GROSS[item["rating"]]:
            gross += 1
            print(f"gross: {item['rating']} answer to {item['question']} judged {verdict}")
    verdicts = [fb.STRONG, fb.DEVELOPING, fb.WEAK, fb.NOT_AN_ANSWER]
    print(f"{'adviser':<10}" + "".join(f"{v:>15}" for v in verdicts))
    for rating in ("strong", "middling", "weak"):
        print(f"{rating:<10}" + "".join(f"{table[(rating, v)]:>15}" for v in verdicts))
    for batch in sorted(counts):
        print(f"batch {batch}: agreement {agree[batch]}/{counts[batch]} ({agree[batch] / counts[batch]:.0%})")
    total = sum(agree.values())
    print(f"agreement: {total}/{len(answers)} ({total / len(answers):.0%}); gross errors: {gross}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
