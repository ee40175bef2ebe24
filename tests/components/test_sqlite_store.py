"""rasa_tuning.sqlite_store: SQLite engines write ahead; read-only readers still open."""
import sqlite3

import sqlalchemy

import rasa_tuning.sqlite_store  # noqa: F401  (installs the connect hook)


def test_a_writable_sqlite_engine_uses_the_write_ahead_log(tmp_path):
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_a_read_only_engine_in_the_same_process_still_reads(tmp_path):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, data TEXT)")
        db.execute("INSERT INTO events (data) VALUES ('{}')")
    uri = path.resolve().as_uri() + "?mode=ro"
    engine = sqlalchemy.create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 1
