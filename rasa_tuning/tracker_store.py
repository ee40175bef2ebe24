"""The project's tracker store: Rasa's SQLTrackerStore, kept between turns and written quickly.

Named in endpoints.yml and endpoints-scaled.yml
(`type: rasa_tuning.tracker_store.KeptTrackerSQLStore`, with Rasa's own SQL
settings). Rasa falls back to an in-memory store, with a warning only, when
that class cannot be imported; `scripts/rasa` (rasa_tuning/__main__.py)
refuses to start in that case.

What it adds to Rasa's store, each checked against the Rasa code it relies on
(otherwise Rasa's own code runs):

- the tracker a turn saved is kept and handed to the next turn while the
  store still holds exactly its events (rasa_tuning/tracker_cache.py);
- a save writes Rasa's rows with one INSERT (rasa_tuning/event_inserts.py);
- a SQLite file gets a connection pool, the write-ahead log and
  `synchronous=NORMAL`, on this store's engine only (rasa_tuning/sqlite_store.py).

With STOCK_RASA=1 it is Rasa's SQLTrackerStore, unchanged.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_tuning import event_inserts, sqlite_store, tracker_cache
from rasa_tuning.stock import stock_rasa

logger = logging.getLogger(__name__)


class KeptTrackerSQLStore(SQLTrackerStore):
    """SQLTrackerStore that keeps each conversation's tracker between turns."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adjustments: list[str] = []  # what is active, for the start-up log and the tests
        self._write: tracker_cache.Write = SQLTrackerStore.save
        self._keeps = False
        if stock_rasa():
            logger.info("tracker store: Rasa's SQLTrackerStore as it is (STOCK_RASA)")
            return
        engine: sa.engine.Engine = self.engine  # type: ignore[has-type]
        if sqlite_store.is_sqlite_file(engine.url) and sqlite_store.written_against_this_rasa():
            self.engine = sqlite_store.tuned_engine(engine.url)
            engine.dispose()  # Rasa's, which made the tables
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
            self.adjustments.append("sqlite_store")
        if event_inserts.written_against_this_rasa():
            self._write = event_inserts.write
            self.adjustments.append("event_inserts")
        self._keeps = tracker_cache.written_against_this_rasa(self._write)
        if self._keeps:
            self.adjustments.append("tracker_cache")
        else:
            logger.warning("SQLTrackerStore.retrieve/save have changed; trackers are not kept between turns")
        logger.info(
            "tracker store: %s with %s", type(self).__name__, ", ".join(self.adjustments) or "nothing"
        )

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        if not self._keeps:
            return await super().retrieve(sender_id)
        return await tracker_cache.retrieve(self, sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not self._keeps:
            return await self._write(self, tracker)
        return await tracker_cache.save(self, tracker, self._write)
