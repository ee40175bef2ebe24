"""The reading table (issue 21): every free-text answer in
tests/unit/data/eligibility_readings.yml must be read as its row says.

    .venv/bin/python -m pytest -q tests/unit/test_reading_table.py
    .venv/bin/python -m tests.unit.test_reading_table      # counts per question and kind
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.eligibility import fields

TABLE = Path(__file__).parent / "data" / "eligibility_readings.yml"
ROWS = [
    (question, text, expected, kind)
    for question, rows in yaml.safe_load(TABLE.read_text(encoding="utf-8")).items()
    for text, expected, kind in rows
]


def reading_of(question: str, text: str) -> tuple[str, Any]:
    """("clear", value), ("unsure", None) or ("none", None) for one answer."""
    read_reading = getattr(fields, "read_reading", None)
    if read_reading is None:  # the code before issue 21: a bare dict of updates
        updates = fields.read_answer(question, text)
        if question in updates and updates[question] is not None:
            return "clear", updates[question]
        return "none", None
    reading = read_reading(question, text)
    if reading.certainty != "clear":
        return "unsure", None
    value = reading.updates.get(question)
    return ("clear", value) if value is not None else ("none", None)


def passes(question: str, text: str, expected: Any) -> bool:
    certainty, value = reading_of(question, text)
    if expected in ("unsure", "none"):
        return certainty == expected
    return certainty == "clear" and value == expected


def test_table_is_big_enough():
    counts = Counter(question for question, *_ in ROWS)
    assert set(counts) == {name for name in fields.ASKING_ORDER}
    assert min(counts.values()) >= 40, counts
    kinds = {kind for *_, kind in ROWS}
    assert {"negation", "not_achieved", "not_practice", "ordinal", "several", "pages"} <= kinds


@pytest.mark.parametrize("question,text,expected,kind", ROWS, ids=[f"{q}-{t[:40]}" for q, t, _, _ in ROWS])
def test_reading(question, text, expected, kind):
    assert reading_of(question, text) == (
        ("clear", expected) if expected not in ("unsure", "none") else (expected, None)
    )


def main() -> None:
    by_kind: Counter = Counter()
    passed: Counter = Counter()
    by_question: Counter = Counter()
    question_passed: Counter = Counter()
    for question, text, expected, kind in ROWS:
        ok = passes(question, text, expected)
        by_kind[kind] += 1
        passed[kind] += ok
        by_question[question] += 1
        question_passed[question] += ok
        if not ok:
            print(f"FAIL {question}: {text!r} -> {reading_of(question, text)}, want {expected!r}")
    print("by kind:", {k: f"{passed[k]}/{n}" for k, n in sorted(by_kind.items())})
    print("by question:", {k: f"{question_passed[k]}/{n}" for k, n in by_question.items()})
    print(f"total: {sum(passed.values())}/{len(ROWS)}")


if __name__ == "__main__":
    main()
