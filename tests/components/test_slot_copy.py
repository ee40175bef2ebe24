"""rasa_tuning.slot_copy: a slot's copy is what copy.copy's general route makes."""

import copy

import pytest
from rasa.shared.core.slots import AnySlot, BooleanSlot, CategoricalSlot, FloatSlot, ListSlot, Slot, TextSlot

from rasa_tuning import slot_copy


def general_copy(slot):
    """copy.copy without the __copy__ hook: Rasa's way."""
    return copy._reconstruct(slot, None, *slot.__reduce_ex__(4))


SLOTS = [
    TextSlot("last_topic", mappings=[{"type": "custom"}], initial_value="pay"),
    AnySlot("card", mappings=[{"type": "custom"}], initial_value={"a": [1, 2]}),
    BooleanSlot("ok", mappings=[{"type": "custom"}], initial_value=True),
    FloatSlot("age", mappings=[{"type": "custom"}], min_value=16, max_value=99, initial_value=31.5),
    ListSlot("areas", mappings=[{"type": "custom"}], initial_value=["x"]),
    CategoricalSlot("nation", mappings=[{"type": "custom"}], values=["England", "Wales"]),
]


@pytest.mark.parametrize("slot", SLOTS, ids=lambda s: type(s).__name__)
def test_a_copy_is_the_general_routes_copy(slot):
    slot.value = slot.value  # as a tracker sets it
    ours, rasas = copy.copy(slot), general_copy(slot)
    assert type(ours) is type(rasas) is type(slot)
    assert ours is not slot
    assert vars(ours) == vars(rasas) == vars(slot)
    assert all(vars(ours)[k] is vars(slot)[k] for k in vars(slot))  # shallow, as copy.copy
    ours.value = "changed"
    assert slot.value != "changed"


def test_a_slot_class_with_its_own_state_takes_the_general_route():
    class Compact(TextSlot):
        __slots__ = ("extra",)

    slot = Compact("x", mappings=[{"type": "custom"}])
    slot.extra = 5
    assert not slot_copy.plain(Compact)
    assert copy.copy(slot).extra == 5


def test_rasas_slot_is_the_class_this_was_written_for():
    assert Slot.__copy__ is slot_copy.slot_copy
    assert all(slot_copy.plain(type(s)) for s in SLOTS)
