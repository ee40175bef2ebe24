"""Check action-server responses with one validator, built once.

Rasa 3.6's `RemoteAction._validate_action_result` calls
`jsonschema.validate(response, schema)` for every response from the action
server. With jsonschema 4.17, `validate` first checks the *schema* against
the JSON Schema meta-schema (about 30 ms for Rasa's large events schema)
before checking the response (well under 1 ms). The schema never changes
(`RemoteAction.action_response_format_spec()`), so here it is checked once,
at import, and one validator is kept.

Everything else is as in Rasa: the same validator class (`validator_for`),
the same error (`best_match` over the same errors), the same message suffix,
and `True` for a valid response. A subclass with its own
`action_response_format_spec` keeps Rasa's original method.

Rasa pins jsonschema below 4.18, so a newer jsonschema is not an option.
"""

from __future__ import annotations

import logging
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_validate_action_result = RemoteAction._validate_action_result
_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR_CLASS = validators.validator_for(_SCHEMA)
_VALIDATOR_CLASS.check_schema(_SCHEMA)  # once, instead of on every response
_VALIDATOR = _VALIDATOR_CLASS(_SCHEMA)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator built once."""
    if type(self).action_response_format_spec is not RemoteAction.action_response_format_spec:
        return _rasas_validate_action_result(self, result)
    error = exceptions.best_match(_VALIDATOR.iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def _written_against_this_rasa() -> bool:
    """Rasa's method still does `validate(result, self.action_response_format_spec())`."""
    return still_contains(
        {_rasas_validate_action_result: ["validate(result, self.action_response_format_spec())"]}
    )


if _written_against_this_rasa():
    RemoteAction._validate_action_result = validate_action_result
else:  # a different Rasa: keep its own method rather than guess
    logger.warning("RemoteAction._validate_action_result has changed; not adjusted")
