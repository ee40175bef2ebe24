"""rasa_tuning.event_inserts: a save writes exactly the rows Rasa's own save writes.

The same turns, sessions and slot events go to two SQLite stores, one saved by
rasa_tuning.event_inserts.write and one by Rasa's SQLTrackerStore.save; every
stored row (id, sender, type, timestamp, intent, action, data) must be equal.
"""

import asyncio
import sqlite3

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import event_inserts
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain"))
LOOP = asyncio.new_event_loop()


def saved_rows(db_path, save, script):
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db_path))
    for sender, events in script:
        # a turn starts from what Rasa's own code reads back (never a kept tracker)
        tracker = LOOP.run_until_complete(store._retrieve(sender, fetch_events_from_all_sessions=False))
        tracker = tracker or DialogueStateTracker(sender, DOMAIN.slots)
        for event in events:
            tracker.update(event)
        LOOP.run_until_complete(save(store, tracker))
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT * FROM events ORDER BY id").fetchall()


def a_turn(text, intent, action, timestamp, slot=None):
    events = [UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=timestamp)]
    if slot:
        events.append(SlotSet("last_topic", slot, timestamp=timestamp + 0.1))
    return events + [
        ActionExecuted(action, timestamp=timestamp + 0.2),
        BotUttered(f"about {text}", {"buttons": []}, timestamp=timestamp + 0.3),
        ActionExecuted("action_listen", timestamp=timestamp + 0.4),
    ]


def session_start(timestamp):
    return [
        ActionExecuted("action_session_start", timestamp=timestamp),
        SessionStarted(timestamp=timestamp + 0.01),
        ActionExecuted("action_listen", timestamp=timestamp + 0.02),
    ]


SCRIPT = [
    ("a", session_start(1000.0)),
    ("a", a_turn("what is the pqip", "ask_pqip", "action_answer_question", 1001.0, slot="pqip")),
    ("b", session_start(1002.0) + a_turn("hello", "greet", "utter_greet", 1003.0)),
    ("a", a_turn("how long is it", "follow_up", "action_answer_question", 1004.0)),
    ("a", []),  # a save with nothing new writes nothing
    ("a", session_start(90000.0) + a_turn("back again", "greet", "utter_greet", 90001.0)),  # a new session
    ("b", a_turn("bye", "goodbye", "utter_goodbye", 90002.0, slot="none")),
]


def test_the_rows_written_are_rasas(tmp_path):
    ours = saved_rows(tmp_path / "ours.db", event_inserts.write, SCRIPT)
    rasas = saved_rows(tmp_path / "rasas.db", event_inserts._rasas_save, SCRIPT)
    assert len(rasas) == sum(len(events) for _, events in SCRIPT)
    assert ours == rasas


def test_rasa_is_the_code_this_was_written_for():
    assert event_inserts.written_against_this_rasa()
    # the tracker cache's check is about the write it keeps trackers around: this one, or Rasa's
    from rasa_tuning import tracker_cache

    assert tracker_cache.written_against_this_rasa(event_inserts.write)
    assert tracker_cache.written_against_this_rasa(tracker_cache._rasas_save)

    async def another_write(store, tracker):
        pass

    assert not tracker_cache.written_against_this_rasa(another_write)
