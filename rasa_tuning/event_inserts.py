"""SQLTrackerStore.save: the same rows, written without the ORM's per-object work.

Rasa 3.6's SQL tracker store saves a turn by counting the events its store
holds for the conversation's current session (an ORM query with a subquery,
built anew each time), then adding one ORM object per new event and flushing
them. On an FAQ question that was 17 % of the Rasa server's time (py-spy, 23
Nov 2026): building and running the count 8 %, the ORM flush and objects 9 %,
for the three or four rows a turn writes.

Here the count is Rasa's own session query, built once per store as a
statement with the sender as a parameter, and the new events go in as one
INSERT executed for all of them: the same columns with the same values, in
the same order (so the same ids), in one transaction, as Rasa writes them.
Both run on the session's connection with the driver's cursor
(rasa_tuning/store_queries.py). The event broker is told first, as before.
tests/components/test_event_inserts.py compares the stored rows with Rasa's.

`write` is what rasa_tuning/tracker_store.py's store saves with, where
`written_against_this_rasa()`; otherwise it saves with Rasa's own code.
"""

from __future__ import annotations

import itertools
import json
import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from rasa_tuning.rasa_source import still_contains
from rasa_tuning.store_queries import COLUMNS, insert_rows, stored_count

logger = logging.getLogger(__name__)

_rasas_save = SQLTrackerStore.save


def event_row(event: Any, sender_id: str) -> dict[str, Any]:
    """The columns Rasa's save writes for one event."""
    data = event.as_dict()
    values = (
        sender_id,
        event.type_name,
        data.get("timestamp"),
        data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        data.get("name"),
        json.dumps(data),
    )
    return dict(zip(COLUMNS, values, strict=True))


async def write(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """SQLTrackerStore.save: the events beyond the session's stored count, as Rasa writes them."""
    await self.stream_events(tracker)
    with self.session_scope() as session:
        stored = stored_count(self, session, tracker.sender_id)
        new_events = itertools.islice(tracker.events, stored, len(tracker.events))
        rows = [event_row(event, tracker.sender_id) for event in new_events]
        if rows:
            insert_rows(self, session, rows)
        session.commit()
    logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")


def written_against_this_rasa() -> bool:
    """Rasa's save still counts, then writes these columns, as described above."""
    return still_contains(
        {
            _rasas_save: [
                "await self.stream_events(tracker)",
                "events = self._additional_events(session, tracker)",
                'data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)',
                'action = data.get("name")',
                'timestamp = data.get("timestamp")',
                "type_name=event.type_name,",
                "data=json.dumps(data),",
                "session.commit()",
            ],
            SQLTrackerStore._additional_events: [
                "fetch_events_from_all_sessions=False\n        ).count()",
                "tracker.events, number_of_events_since_last_session, len(tracker.events)",
            ],
        }
    )
