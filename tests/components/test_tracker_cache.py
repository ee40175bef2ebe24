"""A kept tracker is used only while the store holds exactly its events.

Real SQLTrackerStores over one SQLite file and the project's domain; two stores
on one file stand for two Rasa servers sharing a tracker store. Every tracker a
store hands out is compared with what Rasa's own code reads from the store.
"""

import asyncio
import sqlite3

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import EventVerbosity

from rasa_tuning import event_inserts, tracker_cache
from rasa_tuning.tracker_store import KeptTrackerSQLStore
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain"))


LOOP = asyncio.new_event_loop()  # the store's methods are coroutines; their work is synchronous


def run(coroutine):
    return LOOP.run_until_complete(coroutine)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tracker.db"


def new_store(db):
    return KeptTrackerSQLStore(DOMAIN, dialect="sqlite", db=str(db))


def from_store(store, sender):
    """What Rasa's own code reads from the store (never the cache)."""
    return run(store._retrieve(sender, fetch_events_from_all_sessions=False))


def state(tracker):
    return (
        None
        if tracker is None
        else (tracker.current_state(EventVerbosity.ALL), tracker.active_loop_name, tracker.followup_action)
    )


def turns(store, sender, *texts, slot_value=None):
    for text in texts:
        tracker = turn(store, sender, text, slot_value)
    return tracker


def turn(store, sender, text, slot_value=None):
    """One visitor message, as Rasa's processor handles it: get or create, add events, save."""
    tracker = run(store.get_or_create_tracker(sender, append_action_listen=False))
    if not tracker.events:
        for event in (
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
        ):
            tracker.update(event)
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    if slot_value is not None:
        tracker.update(SlotSet("last_topic", slot_value))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered(f"reply to {text}"))
    tracker.update(ActionExecuted("action_listen"))
    run(store.save(tracker))
    return tracker


def test_the_next_turn_gets_the_saved_tracker_itself_equal_to_the_store(db):
    store = new_store(db)
    first = turn(store, "a", "hello", slot_value="pay")
    # Rasa's session query starts at session_started, not at the action_session_start
    # logged before it: the first turn's tracker is one event longer than the store's.
    second = run(store.retrieve("a"))
    assert second is not first and len(second.events) == len(first.events) - 1
    saved = turn(store, "a", "hello again", slot_value="pay")
    again = run(store.retrieve("a"))
    assert again is saved  # not replayed
    assert state(again) == state(from_store(store, "a"))
    assert again.get_slot("last_topic") == "pay"
    for k in range(5):
        turn(store, "a", f"message {k}", slot_value=f"topic {k}")
    assert state(run(store.retrieve("a"))) == state(from_store(store, "a"))


def test_another_server_took_a_turn_so_the_store_is_read(db):
    ours, theirs = new_store(db), new_store(db)
    turns(ours, "a", "zero", "first", slot_value="one")
    turn(theirs, "a", "second", slot_value="two")  # the conversation hops to the other server
    tracker = run(ours.retrieve("a"))
    assert tracker.get_slot("last_topic") == "two"
    assert state(tracker) == state(from_store(ours, "a"))
    turn(ours, "a", "third", slot_value="three")
    assert run(theirs.retrieve("a")).get_slot("last_topic") == "three"


def test_a_purged_conversation_starts_afresh(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    with sqlite3.connect(db) as conn:  # as `make purge` does
        conn.execute("DELETE FROM events WHERE sender_id = 'a'")
    assert run(store.retrieve("a")) is None
    fresh = turn(store, "a", "hello again")
    assert fresh.get_slot("last_topic") is None
    assert state(run(store.retrieve("a"))) == state(from_store(store, "a"))


def test_another_server_writing_between_our_read_and_save_is_not_kept(db):
    ours, theirs = new_store(db), new_store(db)
    turns(ours, "a", "zero", "first", slot_value="one")
    tracker = run(ours.retrieve("a"))  # our turn begins
    turn(theirs, "a", "theirs", slot_value="two")  # without the lock store's lock, theirs meanwhile
    tracker.update(UserUttered("ours", {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("last_topic", "three"))
    tracker.update(ActionExecuted("action_listen"))
    run(ours.save(tracker))  # Rasa's save counts their rows as ours and writes nothing
    again = run(ours.retrieve("a"))
    assert again is not tracker and state(again) == state(from_store(ours, "a"))


def test_old_events_deleted_are_read_again(db):
    store = new_store(db)
    kept = turns(store, "a", "hi", "hello", "again", slot_value="pay")
    with sqlite3.connect(db) as conn:  # the oldest rows go, as a retention of old events would
        conn.execute(
            "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE sender_id = 'a' "
            "AND type_name != 'session_started' ORDER BY id LIMIT 3)"
        )
    again = run(store.retrieve("a"))
    assert again is not kept and state(again) == state(from_store(store, "a"))


def test_the_store_check_reads_no_conversation_rows(db):
    """The check is a few index lookups, whatever the conversation's length."""
    store = new_store(db)
    turns(store, "a", "hi", "hello")
    with store.session_scope() as session:
        tracker_cache.probe(store, session, "a")
    with sqlite3.connect(db) as conn:
        tracker_cache.rows_after(store, store.sessionmaker(), "a", 3)
        queries = store.__dict__["_driver_queries"]  # as compiled for the driver (store_queries)
        for query, args in (
            (queries["probe"], {"sender_id": "a"}),
            (queries["rows_after"], {"sender_id": "a", "last_id": 3}),
        ):
            plan = " / ".join(
                row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {query.sql}", query.parameters(args))
            )
            assert "SCAN events" not in plan and "USING TEMP B-TREE" not in plan, plan


def test_aged_or_rewritten_events_are_read_again(db):
    store = new_store(db)
    kept = turns(store, "a", "hi", "hello", slot_value="pay")
    with sqlite3.connect(db) as conn:  # as the purge test ages a conversation
        conn.execute("UPDATE events SET timestamp = timestamp - 100 * 86400 WHERE sender_id = 'a'")
    aged = run(store.retrieve("a"))
    assert aged is not kept and state(aged) == state(from_store(store, "a"))


def test_a_new_session_is_read_as_rasa_reads_it(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    tracker = run(store.retrieve("a"))
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        SlotSet("last_topic", "pay"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    run(store.save(tracker))
    again = run(store.retrieve("a"))
    assert again is not tracker  # the store now holds only the new session
    assert state(again) == state(from_store(store, "a"))
    assert len(again.events) == 3  # from session_started on, as Rasa reads it


def test_a_turn_abandoned_unsaved_leaves_nothing_behind(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    half_done = run(store.retrieve("a"))
    half_done.update(UserUttered("never saved", {"name": "greet", "confidence": 1.0}))
    half_done.update(SlotSet("last_topic", "changed"))
    again = run(store.retrieve("a"))
    assert again is not half_done
    assert again.get_slot("last_topic") == "pay"
    assert state(again) == state(from_store(store, "a"))


def test_a_second_reader_meanwhile_reads_the_store(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    first = run(store.retrieve("a"))
    second = run(store.retrieve("a"))
    assert first is not second and state(first) == state(second)


def test_a_tracker_the_store_did_not_hand_out_is_saved_but_not_kept(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    other = from_store(store, "a")  # e.g. the HTTP API's own tracker
    other.update(SlotSet("last_topic", "other"))
    run(store.save(other))
    again = run(store.retrieve("a"))
    assert again is not other
    assert again.get_slot("last_topic") == "other"


def test_restart_and_a_new_conversation(db):
    store = new_store(db)
    turns(store, "a", "hi", "hello", slot_value="pay")
    tracker = run(store.retrieve("a"))
    tracker.update(Restarted())
    tracker.update(ActionExecuted("action_listen"))
    run(store.save(tracker))
    again = run(store.retrieve("a"))
    assert again is tracker and again.get_slot("last_topic") is None
    assert state(again) == state(from_store(store, "a"))
    assert run(store.retrieve("nobody")) is None


def test_an_empty_tracker_writes_nothing(db):
    store = new_store(db)
    tracker = run(store.get_or_create_tracker("new", append_action_listen=False))
    assert not tracker.events
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)


def test_the_least_recently_used_go_first(db, monkeypatch):
    monkeypatch.setattr(tracker_cache, "MAX_KEPT_EVENTS", 20)
    store = new_store(db)
    for sender in "abc":
        turns(store, sender, "hello", "again")  # 6 + 4 events kept each
    cache = tracker_cache.cache_of(store)
    assert list(cache.kept) == ["b", "c"] and cache.events == 20
    assert state(run(store.retrieve("a"))) == state(from_store(store, "a"))


def test_rasa_is_the_code_this_was_written_for(db):
    assert tracker_cache.written_against_this_rasa(event_inserts.write)
    assert new_store(db).adjustments == ["sqlite_store", "event_inserts", "tracker_cache"]
    # Rasa's own store, in the same process, is Rasa's
    assert SQLTrackerStore.retrieve is tracker_cache._rasas_retrieve
    assert SQLTrackerStore.save is tracker_cache._rasas_save


def test_stock_rasa_is_rasas_store(db, monkeypatch):
    monkeypatch.setenv("STOCK_RASA", "1")
    store = new_store(db)
    assert store.adjustments == []
    turns(store, "a", "hello", "again")
    assert "_kept_trackers" not in store.__dict__
