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
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge import KNOWLEDGE_DIR
from bot.knowledge.files import KnowledgeError, read_file

EXAMPLES_FILE = KNOWLEDGE_DIR / "safety_examples.yml"


@dataclass(frozen=True)
class Examples:
    risk: tuple[str, ...]
    near_miss: tuple[str, ...]


def load_examples(path: Path = EXAMPLES_FILE) -> Examples:
    data = read_file(path)
    if not isinstance(data, dict) or not data.get("risk") or not data.get("near_miss"):
        raise KnowledgeError(f"{path.name}: expected non-empty 'risk:' and 'near_miss:' lists")
    return Examples(tuple(map(str, data["risk"])), tuple(map(str, data["near_miss"])))


class RiskClassifier:
    def __init__(self, examples: Examples, normalise) -> None:
        # sklearn comes with Rasa; imported here so that bot/ loads without it elsewhere.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        self.normalise = normalise
        texts = [normalise(t) for t in examples.risk + examples.near_miss]
        labels = [1] * len(examples.risk) + [0] * len(examples.near_miss)
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
            features, LogisticRegression(C=8.0, class_weight="balanced", solver="liblinear", max_iter=200)
        )
        self.model.fit(texts, labels)

    def probability(self, text: str) -> float:
        """How likely `text` (already normalised) is a visitor at risk."""
        return float(self.model.predict_proba([text])[0][1])


@functools.lru_cache(maxsize=1)
def trained_classifier() -> RiskClassifier:
    from bot.safety.detector import normalise

    return RiskClassifier(load_examples(), normalise)
