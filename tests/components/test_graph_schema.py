"""With every patch applied (tests/components/conftest.py) and the project's rule policy,
Rasa still accepts our config's graph.

Rasa checks each graph component's method signatures before it trains or
loads a model; an adjusted method with a new annotation fails that check
(it did once: `self: RulePolicy` in rasa_tuning/rule_states.py stopped training).
"""

from pathlib import Path

import rasa.shared.utils.io
from rasa.engine import validation
from rasa.engine.recipes.recipe import Recipe

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_accepts_the_training_and_prediction_graphs():
    config = rasa.shared.utils.io.read_model_configuration(ROOT / "config.yml")
    recipe = Recipe.recipe_for_name(config.get("recipe"))
    model_configuration = recipe.graph_config_for_recipe(config, {})
    validation.validate(model_configuration)
