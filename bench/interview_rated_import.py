"""Copy the helper-written rated answers into the project, 80 % to train on, 20 % held out.

    .venv/bin/python bench/interview_rated_import.py /work/heldout/interview_train_A.yml /work/heldout/interview_train_B.yml

Writes knowledge/interview_rated.yml (what bot/interview/scoring.py fits its
models on) and bench/interview_rated_dev.yml (never fitted on; the bench
reports on it). The split is fixed: every fifth answer of each file, by its
position, is held out, so each question and each voice has some of both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEADER = """# Practice answers to the interview bank's questions, rated the way a careers
# adviser rates them, {what}.
# How they were made: two helper sessions (sets A and B), each of which had
# read only the five seed pages and the question bank (knowledge/interview_questions.yml),
# never the phrase tables, the code or each other's answers, wrote 160 answers each in
# varied voices (plain, text-speak, second-language English, rambling, buzzword-heavy,
# claims only, unsafe) and rated each one: overall (strong / middling / weak), each part
# of its structure and each skill the question probes (shown / claimed / absent),
# whether it would leave someone at risk (unsafe, unsafe_why) and the words that best
# show what it does (best_quote). Copied unchanged by bench/interview_rated_import.py:
# every fifth answer of each set is held out in bench/interview_rated_dev.yml, the rest
# is here.
"""


def main(argv: list[str]) -> int:
    train: list[dict] = []
    dev: list[dict] = []
    for path in argv:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        name = Path(path).stem.rsplit("_", 1)[-1]
        for n, item in enumerate(data.get("answers") or []):
            item = {"set": name, **item}
            (dev if n % 5 == 2 else train).append(item)
    for target, items, what in (
        (
            ROOT / "knowledge" / "interview_rated.yml",
            train,
            "what the verdict and structure models are fitted on",
        ),
        (
            ROOT / "bench" / "interview_rated_dev.yml",
            dev,
            "held out from fitting: bench/interview_feedback.py reports on it",
        ),
    ):
        body = yaml.safe_dump({"answers": items}, sort_keys=False, allow_unicode=True, width=100)
        target.write_text(HEADER.format(what=what) + body, encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(items)} answers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
