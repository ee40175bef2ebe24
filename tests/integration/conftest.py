"""A real Rasa server and action server for the integration tests.

Started once per test session on their own ports and with their own SQLite
tracker store, so a developer's running bot is left alone. Set BOT_URL to
test an already running bot instead.
"""

import os
import uuid
from pathlib import Path

import pytest
import requests

from tests.botprocess import ROOT, BotProcess

# Overridable so two test runs on one machine do not collide.
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105"))
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155"))
# The session bot's staff console (serve.sh starts it beside the bot).
STAFF_PORT = int(os.environ.get("TEST_STAFF_PORT") or RASA_PORT + 95)


@pytest.fixture(scope="session")
def tracker_db() -> Path:
    return ROOT / "var" / f"test-tracker-{os.getpid()}.db"


@pytest.fixture(scope="session")
def bot_url(tracker_db):
    if os.environ.get("BOT_URL"):
        yield os.environ["BOT_URL"]
        return
    bot = BotProcess(
        RASA_PORT,
        ACTIONS_PORT,
        tracker_db,
        log=ROOT / "var" / f"test-serve-{RASA_PORT}.log",
        extra_env={"STAFF_PORT": str(STAFF_PORT)},
    )
    bot.start()
    try:
        yield bot.url
    finally:
        bot.stop()
        tracker_db.unlink(missing_ok=True)
        for leftover in (ROOT / "var").glob(Path(bot.env["STAFF_DB"]).name + "*"):  # and -wal, -shm
            leftover.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def staff_console(bot_url) -> tuple:
    """(URL, database) of the staff console the bot under test serves (on
    TEST_STAFF_PORT, default the Rasa port + 95; its database as tests/botprocess.py sets it)."""
    if os.environ.get("BOT_URL"):
        pytest.skip("BOT_URL given: the console's port and database are not known")
    return f"http://127.0.0.1:{STAFF_PORT}", ROOT / "var" / f"test-staff-{RASA_PORT}.db"


@pytest.fixture(scope="module")
def store(bot_url, tracker_db) -> Path:
    """The SQLite tracker store of the bot under test (with BOT_URL: $TRACKER_DB)."""
    if os.environ.get("BOT_URL"):
        if not os.environ.get("TRACKER_DB"):
            pytest.skip("BOT_URL given without its TRACKER_DB: cannot read its store")
        return Path(os.environ["TRACKER_DB"])
    return tracker_db


class Visitor:
    """One conversation over the REST channel, as the web page has it."""

    def __init__(self, url: str):
        self.url = url
        self.sender = "test-" + uuid.uuid4().hex[:12]

    def say(self, text: str) -> list:
        reply = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=30
        )
        assert reply.status_code == 200, reply.text
        return reply.json()

    def say_text(self, text: str) -> str:
        """Texts and button titles of the reply, joined, as a visitor sees them."""
        parts = []
        for message in self.say(text):
            parts.append(message.get("text") or "")
            parts.extend(b.get("title", "") for b in message.get("buttons") or [])
        return "\n".join(parts)


@pytest.fixture
def visitor(bot_url):
    return Visitor(bot_url)
