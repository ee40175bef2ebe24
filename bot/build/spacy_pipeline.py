"""The project's own spaCy pipeline: a blank English model, for Rasa's tokenizer.

No pretrained model can be downloaded here, and none is needed: Rasa's
SpacyNLP and SpacyTokenizer only need spaCy's English tokenizer. The result is
saved to disk where SpacyNLP loads it by path (see config.yml).

(Until issue 13 it also held an entity ruler tagging qualifications, nations
and roles from knowledge/. Nothing read those entities: the eligibility
parsers, bot/eligibility/parsing/, match the same knowledge tables with the
negation and "where do you want to work" cues the ruler lacked. So it went.)

    python -m bot.build.spacy_pipeline .build/spacy_probation
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language


def build_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.meta["name"] = "probation"
    nlp.meta["description"] = "Blank English (tokenizer only); nothing downloaded"
    return nlp


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bot.build.spacy_pipeline OUTPUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    nlp = build_pipeline()
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"spaCy pipeline (blank English tokenizer) written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
