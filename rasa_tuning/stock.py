"""The one setting that runs stock Rasa: STOCK_RASA=1.

With it, `scripts/rasa` (rasa_tuning/__main__.py) applies no patch, and the
project's tracker store and rule policy (named in endpoints*.yml and
config.yml) do exactly what Rasa's SQLTrackerStore and RulePolicy do. What
the bot decides must not change: tests/integration/test_stock_rasa.py runs the
test stories and a long conversation both ways and compares every decision.
"""

from __future__ import annotations

import os

VARIABLE = "STOCK_RASA"


def stock_rasa() -> bool:
    """Whether this process runs Rasa as it comes (STOCK_RASA set, and not "0")."""
    return os.environ.get(VARIABLE, "").strip() not in ("", "0")
