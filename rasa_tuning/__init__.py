"""Small, tested adjustments to how the Rasa server runs (not what it decides).

Each module says what it changes in Rasa 3.6 and why, and checks on import
that the Rasa code it adjusts is still the code it was written against.
They are imported by the modules the Rasa server always loads:
`nlu/guarded_classifier.py` (named in config.yml, so loaded with the model by
`rasa run`, `rasa shell` and `rasa test`) and `channels/capped_rest.py`
(named in credentials.yml).
"""

from rasa_tuning import (  # noqa: F401,E402
    action_payload,
    action_validation,
    applied_events,
    event_inserts,  # before tracker_cache, which saves through it
    event_types,
    graph_runner,
    rule_lookup,
    rule_states,
    slot_copy,
    slot_mapping_gate,
    sqlite_store,
    tracker_cache,
    tracker_copy,
)
