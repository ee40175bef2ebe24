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

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event

_rasas_resolve_by_type = Event.resolve_by_type
_found: Dict[Text, Type[Event]] = {}


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """Event.resolve_by_type, remembering each class found."""
    cls = _found.get(type_name)
    if cls is None:
        cls = _rasas_resolve_by_type(type_name, default)
        if cls is not None and getattr(cls, "type_name", None) == type_name:
            _found[type_name] = cls
    return cls


Event.resolve_by_type = staticmethod(resolve_by_type)
