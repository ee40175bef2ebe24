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

Checking a valid response still tried each event against all 23 event
schemas of the schema's `oneOf` (7 % of an FAQ turn's server time). The
event schemas are told apart by their `event` constant, so an event can only
ever pass the one whose constant it carries: a response is first checked
against the schema without the `oneOf` and each event against its own event
schema. If that passes, so does the full check; otherwise the full check runs
and its error is raised, as before.
"""

from __future__ import annotations

import copy
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


class EventwiseCheck:
    """A quick check that passes only responses the full schema passes."""

    def __init__(self, schema: dict[str, Any]):
        events = schema["properties"]["events"]["items"]
        branches = events["oneOf"]
        constants = [branch["properties"]["event"]["const"] for branch in branches]
        if not all(isinstance(c, str) for c in constants) or len(set(constants)) != len(constants):
            raise ValueError("the event schemas are not told apart by their event constant")
        outline = copy.deepcopy(schema)
        del outline["properties"]["events"]["items"]["oneOf"]
        self.outline = _VALIDATOR_CLASS(outline)
        self.by_event = {c: _VALIDATOR_CLASS(branch) for c, branch in zip(constants, branches, strict=True)}

    def passes(self, result: Any) -> bool:
        if not self.outline.is_valid(result):
            return False
        for event in result.get("events") or []:
            kind = event.get("event")
            check = self.by_event.get(kind) if isinstance(kind, str) else None
            if check is None or not check.is_valid(event):
                return False
        return True


try:
    _QUICK: EventwiseCheck | None = EventwiseCheck(_SCHEMA)
except (KeyError, TypeError, ValueError):  # another schema layout: the full check only
    _QUICK = None


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator built once."""
    if type(self).action_response_format_spec is not RemoteAction.action_response_format_spec:
        return _rasas_validate_action_result(self, result)
    if _QUICK is not None and _QUICK.passes(result):
        return True
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


def apply() -> bool:
    """Check action-server responses with one validator (RemoteAction._validate_action_result).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("RemoteAction._validate_action_result has changed; not adjusted")
        return False
    RemoteAction._validate_action_result = validate_action_result
    return True
