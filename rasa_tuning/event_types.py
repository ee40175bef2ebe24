"""Look up an event's class by its type name once per name, not once per event.

Rebuilding a conversation from the tracker store turns every stored event
back into an object, and Rasa 3.6's `Event.resolve_by_type` finds the class by
walking the whole tree of Event subclasses (checking each with
`inspect.isabstract`) for every single event. For a conversation of a few
hundred messages that walk was a third of each turn's time, and it grows with
the conversation. Here a name found once is remembered; a name not found
(unknown, or the old "topic") still goes through Rasa's own lookup every time,
with its own result or error.
"""

from __future__ import annotations

import logging

from rasa.shared.core.events import Event

from rasa_tuning.rasa_source import still_contains

logger = logging.getLogger(__name__)

_rasas_resolve_by_type = Event.resolve_by_type
_found: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type, remembering each class found."""
    cls = _found.get(type_name)
    if cls is None:
        cls = _rasas_resolve_by_type(type_name, default)
        if cls is not None and getattr(cls, "type_name", None) == type_name:
            _found[type_name] = cls
    return cls


def _written_against_this_rasa() -> bool:
    """Rasa's lookup still walks the Event classes for the first with that type name, and
    answers anything else without remembering it."""
    return still_contains(
        {
            _rasas_resolve_by_type: [
                "for cls in rasa.shared.utils.common.all_subclasses(Event):",
                "if cls.type_name == type_name:\n                return cls",
                'if type_name == "topic":',
            ]
        }
    )


def apply() -> bool:
    """Remember each event class found by its type name (Event.resolve_by_type).

    False, with Rasa left alone, where its code is not the code this was written against.
    """
    if not _written_against_this_rasa():
        logger.warning("Event.resolve_by_type has changed; not adjusted")
        return False
    Event.resolve_by_type = staticmethod(resolve_by_type)
    return True
