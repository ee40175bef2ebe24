"""How the interview feedback compares with an adviser's ratings.

    .venv/bin/python bench/interview_feedback.py [FILE.yml ...]

Default files: bench/interview_rated.yml (68 answers written for the bench in three
batches before issue 24's change, never fitted on) and bench/interview_rated_dev.yml
(the fifth of the helper-written rated answers held out from
knowledge/interview_rated.yml). For each file it prints:

- verdict agreement (strong->strong, middling->developing, weak->weak or not an
  answer), the confusion table and the gross errors (strong called weak, weak
  called strong);
- per question with a strong, a middling and a weak answer: whether every strong
  verdict is above every middling one and every middling above every weak
  (strictly, on the verdicts shown), and the same on the scorer's score;
- where the rating gives the parts: how often the feedback says "not yet" for a
  part the adviser rated shown, and the reverse;
- the share of feedbacks on a real answer that quote it (words in curly quotes
  found in the answer), and the median words of the feedback as first shown.

`--show N` prints the first N feedbacks in full, for checking by hand.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.interview import feedback as fb  # noqa: E402
from bot.interview.bank import load_bank  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402

AGREES = {"strong": {fb.STRONG}, "middling": {fb.DEVELOPING}, "weak": {fb.WEAK, fb.NOT_AN_ANSWER}}
GROSS = {"strong": {fb.WEAK, fb.NOT_AN_ANSWER}, "middling": set(), "weak": {fb.STRONG}}
RANK = {fb.STRONG: 2, fb.DEVELOPING: 1, fb.WEAK: 0, fb.NOT_AN_ANSWER: 0}
RATING_RANK = {"strong": 2, "middling": 1, "weak": 0}
_QUOTED = re.compile("\u201c([^\u201d]+)\u201d")


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("\u2019", "'")).split())


def quotes_answer(reply: str, answer: str) -> bool:
    answer = _plain(answer)
    for quoted in _QUOTED.findall(reply):
        words = _plain(quoted.replace("...", " ")).split()
        if len(words) >= 2 and " ".join(words) in answer:
            return True
    return False


def short_text(kb, bank, question, result) -> str:
    """The feedback as first shown (before any "Show the full breakdown")."""
    render_short = getattr(fb, "render_short", None)
    if render_short:
        return render_short(kb, bank, question, result, 1, 5).text
    return fb.render(kb, bank, question, result, 1, 5)


def ordered(values: dict[str, list[float]]) -> bool:
    return (
        all(v in values for v in ("strong", "middling", "weak"))
        and min(values["strong"]) > max(values["middling"])
        and min(values["middling"]) > max(values["weak"])
    )


def run(path: Path, bank, kb, show: int) -> None:
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    table: Counter = Counter()
    agree = gross = quoted = real = 0
    words: list[int] = []
    by_question: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    part_miss = part_extra = part_total = 0
    part_examples: list[str] = []
    for n, item in enumerate(answers):
        question = bank.question(item["question"])
        result = fb.assess(bank, question, item["text"])
        verdict, rating = result.verdict, item["rating"]
        text = short_text(kb, bank, question, result)
        if n < show:
            print(
                f"--- {rating} {item['question']} ({item.get('voice', '')}): {item['text'][:100]}...\n{text}\n"
            )
        table[(rating, verdict)] += 1
        agree += verdict in AGREES[rating]
        if verdict in GROSS[rating]:
            gross += 1
            print(
                f"  gross: {rating} answer to {item['question']} ({item.get('voice', '')}) judged {verdict}"
            )
        by_question[item["question"]][rating].append(RANK[verdict])
        scores[item["question"]][rating].append(getattr(result, "score", RANK[verdict]))
        words.append(len(text.split()))
        if verdict != fb.NOT_AN_ANSWER:
            real += 1
            quoted += quotes_answer(text, item["text"])
        for part, said in (item.get("parts") or {}).items():
            if verdict == fb.NOT_AN_ANSWER or part not in bank.kinds[question.kind]["parts"]:
                continue
            part_total += 1
            if said == "shown" and part in result.parts_missing:
                part_miss += 1
                part_examples.append(f"{item['question']}/{part}")
            if said != "shown" and part in result.parts_found:
                part_extra += 1
    verdicts = [fb.STRONG, fb.DEVELOPING, fb.WEAK, fb.NOT_AN_ANSWER]
    print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(answers)} answers")
    print(f"  {'adviser':<10}" + "".join(f"{v:>15}" for v in verdicts))
    for rating in ("strong", "middling", "weak"):
        print(f"  {rating:<10}" + "".join(f"{table[(rating, v)]:>15}" for v in verdicts))
    print(f"  verdict agreement: {agree}/{len(answers)} ({agree / len(answers):.0%}); gross errors: {gross}")
    full = [q for q, r in by_question.items() if all(k in r for k in RATING_RANK)]
    held = sum(ordered(by_question[q]) for q in full)
    held_score = sum(ordered(scores[q]) for q in full)
    print(
        f"  strong > middling > weak: {held}/{len(full)} questions on the verdict, {held_score}/{len(full)} on the score"
    )
    if part_total:
        print(
            f"  parts: 'not yet' for a part rated shown {part_miss}/{part_total}; "
            f"'yes' for a part rated claimed or absent {part_extra}/{part_total}"
        )
    print(
        f"  quotes the answer: {quoted}/{real} ({quoted / max(real, 1):.0%}); median words: {statistics.median(words):.0f}"
    )


def main(argv: list[str]) -> int:
    show = 0
    if argv[:1] == ["--show"]:
        show, argv = int(argv[1]), argv[2:]
    paths = [Path(a) for a in argv] or [
        ROOT / "bench" / "interview_rated.yml",
        ROOT / "bench" / "interview_rated_dev.yml",
    ]
    bank, kb = load_bank(), load_knowledge()
    for path in paths:
        run(path.resolve(), bank, kb, show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
