"""SQLite tracker store: write-ahead log, and no disk flush on every commit.

Rasa saves the tracker twice per visitor message (after NLU, after the reply),
each a commit. In SQLite's default rollback-journal mode with full sync each
commit waits for the disk (fsync) twice or more: about a fifth of the server's
time per message under load. In WAL mode with `synchronous=NORMAL`, a commit
appends to the log and the disk is flushed at checkpoints.

What this trades: a conversation survives the bot being killed at any moment
(`tests/integration/test_crash_recovery.py` kills it with -9); after a power
cut or an operating-system crash, the last few messages before it may be lost.
Readers (`bot/helpline/triage.py`) no longer wait for writers. Only SQLite connections
are touched; the scale-out profile's PostgreSQL is not.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _wal_and_normal_sync(dbapi_connection, _connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:
        # A read-only connection in the same process (the triage or report
        # reader, mode=ro) cannot change the journal; it reads either way.
        pass
    finally:
        cursor.close()
