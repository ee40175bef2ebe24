#!/usr/bin/env python
"""How much of what the five pages say the bot can answer, per page.

Reads bench/page_claims.yml (the pages' claims, by hand) against a knowledge
directory: a claim is answered when one text the bot can say holds all its
terms (a fact reachable from an FAQ topic, a follow-up or a gap's closest
facts, citing the claim's page or one it lists under `also`; or a conflict
claim recorded against that page). tests/unit/test_page_coverage.py asserts
every claim is answered; this prints the figures.

    .venv/bin/python bench/coverage.py [--knowledge DIR] [--missing]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.knowledge import KNOWLEDGE_DIR, Knowledge, load_knowledge  # noqa: E402
from bot.knowledge.follow_ups import load_follow_ups  # noqa: E402
from bot.knowledge.gaps import load_gaps  # noqa: E402

CLAIMS_FILE = ROOT / "bench" / "page_claims.yml"
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "fifteen": "15",
    "twenty": "20",
    "third": "3rd",
    "fourth": "4th",
}


@dataclass(frozen=True)
class Claim:
    page: str
    claim: str
    terms: tuple[str, ...]
    also: tuple[str, ...] = ()


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: _NUMBER_WORDS[m.group(1)], text)
    return re.sub(r"\s+", " ", text)


def load_claims(path: Path = CLAIMS_FILE) -> list[Claim]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Claim(page, str(c["claim"]), tuple(c["terms"]), tuple(c.get("also") or ()))
        for page, claims in data["pages"].items()
        for c in claims
    ]


def reachable_fact_ids(kb: Knowledge, directory: Path) -> set[str]:
    """Facts a visitor can be told: in a topic, a follow-up answer or a gap's closest."""
    ids = {f for t in kb.topics.values() for f in t.facts}
    follow_ups = load_follow_ups(kb, directory)
    ids |= {f for s in follow_ups.subjects for facts in s.answers.values() for f in facts}
    ids |= {f for g in load_gaps(kb, directory) for f in g.closest}
    return ids


def sayable_texts(kb: Knowledge, directory: Path) -> list[tuple[str, str, str]]:
    """(page id, what the bot can say, where it comes from) for every reachable text."""
    texts = []
    for fact_id in sorted(reachable_fact_ids(kb, directory)):
        fact = kb.fact(fact_id)
        texts.append((fact.source, normalise(fact.text), fact_id))
        for conflict in fact.conflicts:
            texts.append((conflict.source, normalise(conflict.claim), f"{fact_id} (conflict)"))
    return texts


def answered_by(claim: Claim, texts: list[tuple[str, str, str]]) -> str | None:
    pages = {claim.page, *claim.also}
    for page, text, where in texts:
        if page in pages and all(re.search(t, text, re.IGNORECASE) for t in claim.terms):
            return where
    return None


def coverage(directory: Path = KNOWLEDGE_DIR) -> dict[str, tuple[list[Claim], list[Claim]]]:
    """Per page: (claims answered, claims not answered)."""
    kb = load_knowledge(directory)
    texts = sayable_texts(kb, directory)
    result: dict[str, tuple[list[Claim], list[Claim]]] = {}
    for claim in load_claims():
        answered, missing = result.setdefault(claim.page, ([], []))
        (answered if answered_by(claim, texts) else missing).append(claim)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    parser.add_argument("--missing", action="store_true", help="list the claims with no answer")
    args = parser.parse_args()
    kb = load_knowledge(args.knowledge)
    total_answered = total = 0
    for page, (answered, missing) in coverage(args.knowledge).items():
        count = len(answered) + len(missing)
        total_answered += len(answered)
        total += count
        print(
            f"{kb.sources[page].file[:3]} {page:24} {len(answered):3}/{count:<3} {100 * len(answered) / count:5.1f} %"
        )
        if args.missing:
            for claim in missing:
                print(f"      - {claim.claim}")
    print(f"all {'':24} {total_answered:3}/{total:<3} {100 * total_answered / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
