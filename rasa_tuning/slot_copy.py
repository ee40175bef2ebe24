"""Copy a slot the short way: a new object of its class with its attributes.

Rasa 3.6 copies every slot of the domain (`copy.copy`) each time it makes a
tracker: reading one from the store, `tracker.copy()` before each action,
RulePolicy's states. `copy.copy` takes the general route (`__reduce_ex__`,
copyreg), about 6 µs a slot; with this domain's 30 slots, 6 % of an FAQ
turn's server time (py-spy, 23 Nov 2026).

A slot's whole state is its `__dict__` (its classes declare no `__slots__`
of their own and no copy or pickling hooks), so `copy.copy`'s result is a new
object of the same class whose `__dict__` is a copy of the original's: exactly
what `Slot.__copy__` makes here. A slot class that declares slots or hooks of
its own keeps the general route.
"""

from __future__ import annotations

import copy
import functools
import logging
from typing import Any

from rasa.shared.core.slots import Slot

logger = logging.getLogger(__name__)

HOOKS = ("__copy__", "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__getnewargs_ex__")


@functools.cache
def plain(cls: Any) -> bool:
    """All of the class's state is in its __dict__, and nothing customises copying."""
    for klass in cls.__mro__:
        if klass is object:
            continue
        if klass.__dict__.get("__slots__", ()) != ():
            return False
        if klass is not Slot and any(hook in klass.__dict__ for hook in HOOKS):
            return False
    return True


def slot_copy(self: Any) -> Any:
    cls: Any = type(self)
    if not plain(cls):  # copy.copy's general route, which this hook would otherwise bypass
        return copy._reconstruct(self, None, *self.__reduce_ex__(4))  # type: ignore[attr-defined]
    new = cls.__new__(cls)
    new.__dict__.update(self.__dict__)
    return new


def apply() -> bool:
    """Copy slots the short way (Slot.__copy__).

    False, with Rasa left alone, where Rasa's slots copy themselves their own way.
    """
    if Slot.__dict__.get("__copy__") is slot_copy:
        return True
    if "__copy__" in Slot.__dict__ or not plain(Slot):
        logger.warning("rasa Slot has its own copying; slots are copied the general way")
        return False
    Slot.__copy__ = slot_copy
    return True
