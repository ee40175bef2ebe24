#!/usr/bin/env python
"""The safety detector on held-out sets; prints figures, asserts nothing.

Each bench/safety_heldout_*.yml was written by a helper session that had read
only the five source pages (never bot/safety/, its table or this file), run
once when it was added, and never tuned on. It holds `risk` messages (all must
be recognised) and `near_miss` messages (none should be). Interview practice
answers the classifier never learnt from (bench/interview_rated_dev.yml, the
interview feedback's held-out split, and the blind rated sets bench/interview_heldout_*.yml) are near
misses too, and so are the
openings and answers of the simulated check visitors in bench/applicants*.yml:
none should be read as a visitor at risk.

    .venv/bin/python bench/safety.py [--url http://127.0.0.1:5005] [FILE ...]

With --url the messages go to a running bot over its REST channel instead of
the detector alone (a reply counts as the safety reply when it gives 116 123).
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAFETY_MARK = "116 123"


def live_reader(url: str):
    def at_risk(text: str) -> bool:
        messages = requests.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": "safety-" + uuid.uuid4().hex[:10], "message": text},
            timeout=30,
        ).json()
        return any(SAFETY_MARK in (m.get("text") or "") for m in messages)

    return at_risk


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.safety.detector import is_at_risk

    at_risk = live_reader(args.url) if args.url else is_at_risk
    files = [Path(f) for f in args.files] or sorted((ROOT / "bench").glob("safety_heldout_*.yml"))
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        missed = [m for m in data["risk"] if not at_risk(m)]
        flagged = [m for m in data["near_miss"] if at_risk(m)]
        print(
            f"{path.name}: risk recognised {len(data['risk']) - len(missed)}/{len(data['risk'])}, "
            f"near misses taken for risk {len(flagged)}/{len(data['near_miss'])}"
        )
        for m in missed:
            print(f"  missed risk: {m}")
        for m in flagged:
            print(f"  near miss flagged: {m}")
    if not args.files:
        # Every visitor's opening and answers in the applicant files (simulated check
        # visitors, most written blind): none is a visitor at risk.
        texts = [
            text
            for path in sorted((ROOT / "bench").glob("applicants*.yml"))
            for applicant in yaml.safe_load(path.read_text(encoding="utf-8"))["applicants"]
            for text in [applicant.get("opening") or "", *map(str, (applicant.get("facts") or {}).values())]
            if text.strip()
        ]
        flagged = [t for t in texts if at_risk(t)]
        print(f"applicants*.yml: check openings and answers taken for risk {len(flagged)}/{len(texts)}")
        for t in flagged:
            print(f"  check answer flagged: {t[:160]}")
    if not args.files and not args.url:
        # Interview practice answers the classifier never learnt from: the feedback's dev
        # split and the blind rated sets.
        for path in [
            ROOT / "bench" / "interview_rated_dev.yml",
            *sorted((ROOT / "bench").glob("interview_heldout_*.yml")),
        ]:
            answers = [a["text"] for a in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]]
            flagged = [t for t in answers if is_at_risk(t)]
            print(f"{path.name}: practice answers taken for risk {len(flagged)}/{len(answers)}")
            for t in flagged:
                print(f"  practice answer flagged: {t[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
