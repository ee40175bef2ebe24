"""rasa_tuning.store_queries: Rasa's statements compiled once, run with the driver's cursor,
giving what Rasa's own ORM queries give."""

import asyncio

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import event_inserts, store_queries
from tests.components.test_event_inserts import DOMAIN, SCRIPT, saved_rows

LOOP = asyncio.new_event_loop()


def test_statements_are_compiled_once_per_store_and_run_with_the_driver(tmp_path):
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    saved_rows(tmp_path / "t.db", event_inserts.write, SCRIPT[:2])
    LOOP.run_until_complete(event_inserts.write(store, DialogueStateTracker("c", DOMAIN.slots)))
    with store.session_scope() as session:
        # from session_started on (the action_session_start before it is not counted)
        assert store_queries.stored_count(store, session, "a") == 2 + 5
        assert store_queries.stored_count(store, session, "nobody") == 0
    queries = store.__dict__["_driver_queries"]
    assert set(queries) == {"count"} and queries["count"].direct
    assert queries["count"].parameters({"sender_id": "a"}) == ("a", "session_started", "a")


def test_a_named_parameter_driver_gets_a_mapping():
    import sqlalchemy as sa
    from sqlalchemy.dialects.postgresql import psycopg2

    from rasa_tuning.store_queries import DriverQuery

    class Engine:
        dialect = psycopg2.dialect()

    table = sa.table("events", sa.column("sender_id"), sa.column("type_name"))
    statement = sa.select(sa.func.count()).where(
        table.c.sender_id == sa.bindparam("sender_id"), table.c.type_name == "session_started"
    )
    query = DriverQuery(statement, Engine())
    assert "%(sender_id)s" in query.sql
    assert query.parameters({"sender_id": "a"}) == {"sender_id": "a", "type_name_1": "session_started"}


def test_the_session_rows_are_what_rasas_query_reads(tmp_path):
    saved_rows(tmp_path / "t.db", event_inserts.write, SCRIPT)
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    with store.session_scope() as session:
        for sender in ("a", "b", "nobody"):
            rasas = store._event_query(session, sender, fetch_events_from_all_sessions=False).all()
            ours = store_queries.session_rows(store, session, sender)
            assert [(r.id, r.timestamp, r.data) for r in rasas] == [tuple(r) for r in ours]
    assert len(store_queries.session_rows(store, store.sessionmaker(), "a")) == 2 + 4  # the newest session
