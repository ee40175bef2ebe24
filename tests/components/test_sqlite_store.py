"""rasa_tuning.sqlite_store: the tracker store's SQLite engine writes ahead; other engines
in the process keep their settings; read-only readers still open."""

import sqlite3

import sqlalchemy

from rasa_tuning.sqlite_store import tuned_engine


def test_the_tracker_stores_engine_uses_the_write_ahead_log(tmp_path):
    store = _store(tmp_path / "tracker.db")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert "sqlite_store" in store.adjustments


def test_a_tuned_engine_writes_ahead_and_other_engines_are_left_alone(tmp_path):
    with tuned_engine(f"sqlite:///{tmp_path / 'tuned.db'}").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    # any other engine of the process (the staff console's, a test's) keeps SQLite's defaults
    with sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'other.db'}").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_read_only_engine_in_the_same_process_still_reads(tmp_path):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        db.execute("INSERT INTO events (data) VALUES ('{}')")
    uri = path.resolve().as_uri() + "?mode=ro"
    engine = sqlalchemy.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 1


def _store(db_path):
    from rasa.shared.core.domain import Domain

    from rasa_tuning.tracker_store import KeptTrackerSQLStore

    return KeptTrackerSQLStore(Domain.empty(), dialect="sqlite", db=str(db_path))


def test_the_tracker_stores_sqlite_connections_are_kept_between_sessions(tmp_path):
    store = _store(tmp_path / "tracker.db")
    with store.session_scope() as session:
        first = session.connection().connection.dbapi_connection
    with store.session_scope() as session:
        again = session.connection().connection.dbapi_connection
    assert again is first  # not connected anew (SQLAlchemy 1.4's NullPool would)


def test_a_pooled_connection_sees_what_another_process_committed(tmp_path):
    path = tmp_path / "tracker.db"
    store = _store(path)
    with store.session_scope() as session:
        session.add(store.SQLEvent(sender_id="a", type_name="slot", timestamp=1.0, data="{}"))
        session.commit()
    with store.session_scope() as session:
        assert session.query(store.SQLEvent).count() == 1
    with sqlite3.connect(path) as other:  # e.g. `make purge`
        other.execute("DELETE FROM events")
    with store.session_scope() as session:
        assert session.query(store.SQLEvent).count() == 0


def test_postgresql_and_in_memory_engines_keep_rasas_settings():
    from rasa_tuning.sqlite_store import engine_kwargs

    assert "poolclass" not in engine_kwargs("postgresql://u:p@localhost/rasa")
    assert engine_kwargs("sqlite://") == {}
    assert engine_kwargs("sqlite:////tmp/x.db")["connect_args"] == {"check_same_thread": False}
