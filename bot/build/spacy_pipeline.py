"""The project's own spaCy pipeline: a blank English model plus an entity ruler.

No pretrained model can be downloaded here, and none is needed: the entities
the bot cares about (qualifications, nations, roles) are closed lists that
already live in knowledge/. The ruler is built from those tables, so they stay
the single source of truth, and the result is saved to disk where Rasa's
SpacyNLP component loads it by path (see config.yml).

    python -m bot.build.spacy_pipeline .build/spacy_probation
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List

import spacy
from spacy.language import Language

from bot.knowledge import Knowledge, load_knowledge

ENTITY_LABELS = ("QUALIFICATION", "NATION", "ROLE")


def entity_patterns(kb: Knowledge) -> List[Dict]:
    """Phrase patterns matched on lower-cased tokens; ids point back to the table row."""
    patterns = []
    for qualification in kb.qualifications:
        for alias in qualification.aliases:
            patterns.append({"label": "QUALIFICATION", "pattern": alias, "id": qualification.id})
    for nation in kb.nations:
        for alias in nation.aliases:
            patterns.append({"label": "NATION", "pattern": alias, "id": nation.id})
    for role in kb.eligibility.get("roles", []):
        for alias in role.get("aliases", []):
            patterns.append({"label": "ROLE", "pattern": alias.lower(), "id": role["id"]})
    return patterns


def build_pipeline(kb: Knowledge) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns(kb))
    nlp.meta["name"] = "probation"
    nlp.meta["description"] = "Blank English + entity ruler built from knowledge/"
    return nlp


def main(argv: List[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bot.build.spacy_pipeline OUTPUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    nlp = build_pipeline(load_knowledge())
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"spaCy pipeline with {len(nlp.get_pipe('entity_ruler'))} patterns written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
