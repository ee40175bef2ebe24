# ruff: noqa: UP006, UP035, UP045  (typing.Dict and Optional as in Rasa: its graph checks compare the hints)
"""The project's rule policy: Rasa's RulePolicy, looking at fewer rules and fewer states.

Named in config.yml (`rasa_tuning.rule_policy.IndexedRulePolicy`). It decides
exactly what RulePolicy decides, with two speed-ups, each used only while
Rasa's code is still the code it was written against:

- the rules that can apply are found through an index of what each rule's
  last state requires (rasa_tuning/rule_lookup.py);
- while predicting, only the last states a rule can look at are computed
  (rasa_tuning/rule_states.py).

Training is RulePolicy's own, with its checks: the fallback action must be in
the domain (`raise_if_incompatible_with_domain`, which Rasa's recipe
validator runs for RulePolicy alone and RulePolicy.train runs for any
subclass), contradictions, incomplete and unused rules. With STOCK_RASA=1 it
is RulePolicy, unchanged.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import rule_lookup, rule_states
from rasa_tuning.stock import stock_rasa

logger = logging.getLogger(__name__)


def _active() -> dict[str, bool]:
    stock = stock_rasa()
    found = {
        "rule_lookup": not stock and rule_lookup.written_against_this_rasa(),
        "rule_states": not stock and rule_states.written_against_this_rasa(),
    }
    for name, on in found.items():
        if not on and not stock:
            logger.warning("RulePolicy has changed: %s is not used", name)
    return found


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class IndexedRulePolicy(RulePolicy):
    """RulePolicy comparing the latest states with the rules that can apply to them."""

    ACTIVE: dict[str, bool] | None = None  # worked out once per process

    @classmethod
    def active(cls) -> dict[str, bool]:
        if IndexedRulePolicy.ACTIVE is None:
            IndexedRulePolicy.ACTIVE = _active()
        return IndexedRulePolicy.ACTIVE

    def _get_possible_keys(self, lookup: Dict[str, str], states: List[State]) -> set[str]:
        if self.active()["rule_lookup"]:
            return rule_lookup.get_possible_keys(self, lookup, states)
        return super()._get_possible_keys(lookup, states)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """RulePolicy's prediction; the rules are compared with the last states only."""
        if not self.active()["rule_states"]:
            return super().predict_action_probabilities(
                tracker, domain, rule_only_data=rule_only_data, **kwargs
            )
        token = rule_states.states_window(self)
        try:
            return super().predict_action_probabilities(
                tracker, domain, rule_only_data=rule_only_data, **kwargs
            )
        finally:
            rule_states.end_states_window(token)

    def _prediction_states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool = False,
        rule_only_data: Optional[Dict[str, Any]] = None,
    ) -> List[State]:
        if not self.active()["rule_states"]:
            return super()._prediction_states(tracker, domain, use_text_for_last_user_input, rule_only_data)
        return rule_states.prediction_states(
            self, tracker, domain, use_text_for_last_user_input, rule_only_data
        )
