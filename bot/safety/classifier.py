"""A trained second reader for the safety detector: words the grammar doesn't list.

The grammar in detector.py reads who is at risk and when; it only knows the
phrasings written into it. This logistic regression over word and character
n-grams is trained on knowledge/safety_examples.yml (messages from visitors at
risk and this service's everyday near misses, written for it by someone who
never saw the grammar), so "I've got the rope" or "I won't be around by
Christmas" is recognised even where no pattern names it. The detector still
applies its frames (someone else's words, the long past, a question about the
job, a work story) to what this reader finds.

It is fitted when first used (a few hundred short texts: well under a second)
and is deterministic: the same file gives the same model.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from bot.fitted import fitted, source_files
from bot.knowledge import KNOWLEDGE_DIR
from bot.knowledge.files import KnowledgeError, read_file

EXAMPLES_FILE = KNOWLEDGE_DIR / "safety_examples.yml"
# Everyday messages (the NLU examples: questions, answers to the check) at half a near
# miss's weight: at 0.1 "I've got another year and a bit to go" read as risk; at 1.0
# real risk went unread (measured on bench/safety.py's sets and applicant answers).
EVERYDAY_WEIGHT = 0.5
# Practice answers to the interview bank, rated for issue 24: long first-person stories
# about someone else's crisis, the near miss this service meets most often.
PRACTICE_ANSWERS_FILE = KNOWLEDGE_DIR / "interview_rated.yml"


@dataclass(frozen=True)
class Examples:
    risk: tuple[str, ...]
    near_miss: tuple[str, ...]
    everyday: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()


# What visitors ordinarily say (the NLU training examples of every intent): not a
# risk either. Without them the classifier knows only crisis-adjacent talk and reads
# "goodbye" or "is the bus running today?" as risk.
NLU_DIR = KNOWLEDGE_DIR.parent / "data" / "nlu"
_EXAMPLE_LINE = re.compile(r"^\s*-\s+(.+?)\s*$")
_ENTITY = re.compile(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}")


def everyday_messages(nlu_dir: Path = NLU_DIR) -> tuple[str, ...]:
    """Every training example in data/nlu/*.yml, entity markup removed."""
    found: list[str] = []
    for path in sorted(nlu_dir.glob("*.yml")):
        for block in (read_file(path) or {}).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                match = _EXAMPLE_LINE.match(line)
                if match:
                    found.append(_ENTITY.sub(lambda m: m.group(1) or m.group(2), match.group(1)))
    return tuple(found)


def practice_answers(path: Path = PRACTICE_ANSWERS_FILE) -> tuple[str, ...]:
    if not path.exists():
        return ()
    return tuple(str(a["text"]) for a in (read_file(path) or {}).get("answers") or [] if a.get("text"))


def load_examples(path: Path = EXAMPLES_FILE, nlu_dir: Path = NLU_DIR) -> Examples:
    data = read_file(path)
    if not isinstance(data, dict) or not data.get("risk") or not data.get("near_miss"):
        raise KnowledgeError(f"{path.name}: expected non-empty 'risk:' and 'near_miss:' lists")
    return Examples(
        tuple(map(str, data["risk"])),
        tuple(map(str, data["near_miss"])),
        everyday_messages(nlu_dir),
        practice_answers(),
    )


class RiskClassifier:
    def __init__(self, examples: Examples, normalise) -> None:
        # sklearn comes with Rasa; imported here so that bot/ loads without it elsewhere.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        self.normalise = normalise
        near_miss = examples.near_miss + examples.practice
        texts = [normalise(t) for t in examples.risk + near_miss + examples.everyday]
        labels = [1] * len(examples.risk) + [0] * (len(near_miss) + len(examples.everyday))
        # Everyday messages are many and easy: they teach what ordinary talk looks like
        # without outweighing the near misses the detector must tell apart.
        weights = [1.0] * (len(examples.risk) + len(near_miss)) + [EVERYDAY_WEIGHT] * len(examples.everyday)
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                ),
            ]
        )
        self.model = make_pipeline(
            features,
            LogisticRegression(C=8.0, class_weight=None, solver="liblinear", max_iter=200),
        )
        self.model.fit(texts, labels, logisticregression__sample_weight=weights)

    def probability(self, text: str) -> float:
        """How likely `text` (already normalised) is a visitor at risk."""
        return float(self.model.predict_proba([text])[0][1])


@functools.lru_cache(maxsize=1)
def trained_classifier() -> RiskClassifier:
    from bot.safety.detector import normalise

    # Seconds to fit: kept on disk for the next start (bot/fitted.py).
    inputs = [EXAMPLES_FILE, PRACTICE_ANSWERS_FILE, *NLU_DIR.rglob("*.yml"), *source_files("safety")]
    return fitted("safety-classifier", inputs, lambda: RiskClassifier(load_examples(), normalise))
