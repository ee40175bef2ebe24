"""Retention that runs itself, and backups that restore (issue 27), on a bot of
its own (ports TEST_RASA_PORT+5 / TEST_ACTIONS_PORT+5, its own tracker store
and staff database), with the retention part running every 3 s.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.botprocess import ROOT, BotProcess, project_environment
from tests.integration.conftest import ACTIONS_PORT, RASA_PORT

PORT, ACTIONS = RASA_PORT + 5, ACTIONS_PORT + 5
CODE = re.compile(r"PC-[A-Z0-9]{5}")


def say(url: str, sender: str, text: str) -> str:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return "\n".join(m.get("text") or "" for m in reply.json())


def make(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    if os.environ.get("BOT_URL"):
        pytest.skip("needs a bot of its own")
    folder = tmp_path_factory.mktemp("service")
    bot = BotProcess(
        PORT,
        ACTIONS,
        folder / "tracker.db",
        log=ROOT / "var" / f"test-serve-{PORT}.log",
        extra_env={"RETENTION_INTERVAL_SECONDS": "3", "RETENTION_DAYS": "90", "STAFF_AUDIT_DAYS": "30"},
    )
    bot.start()
    yield bot, folder
    bot.stop()
    Path(bot.env["STAFF_DB"]).unlink(missing_ok=True)


def events_of(db: Path, sender: str) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_retention_deletes_idle_conversations_and_old_audit_entries_by_itself(bot):
    process, _ = bot
    old, recent = "old-" + uuid.uuid4().hex[:8], "recent-" + uuid.uuid4().hex[:8]
    for sender in (old, recent):
        say(process.url, sender, "how long is the PQiP?")
    with sqlite3.connect(process.tracker_db, timeout=30) as conn:  # 100 days ago
        conn.execute("UPDATE events SET timestamp = timestamp - 100 * 86400 WHERE sender_id = ?", (old,))
    with sqlite3.connect(process.env["STAFF_DB"], timeout=30) as conn:  # older than STAFF_AUDIT_DAYS
        conn.execute(
            "INSERT INTO audit (at, account, action, target) VALUES (?, 'dana', 'view_card', 'PC-OLD27')",
            (time.time() - 40 * 86400,),
        )
    log = ROOT / "var" / f"retention-{PORT}.log"
    deadline = time.time() + 20
    while time.time() < deadline and events_of(process.tracker_db, old):
        time.sleep(0.5)
    assert events_of(process.tracker_db, old) == 0, "the idle conversation was not purged"
    assert events_of(process.tracker_db, recent) > 0
    with sqlite3.connect(process.env["STAFF_DB"], timeout=30) as conn:
        assert not conn.execute("SELECT 1 FROM audit WHERE target = 'PC-OLD27'").fetchall()
    time.sleep(1)
    assert re.search(r"retention: deleted 1 conversation \(\d+ events\) idle over 90 days", log.read_text())


def test_a_backup_restores_the_conversation_and_its_triage_card(bot):
    process, folder = bot
    sender = "backup-" + uuid.uuid4().hex[:8]
    say(process.url, sender, "can I become a probation officer?")
    reply = say(process.url, sender, "I want to talk to a human")
    code = CODE.search(reply)
    assert code, reply
    env = dict(
        project_environment(),
        TRACKER_DB=str(process.tracker_db),
        BACKUP_DIR=str(folder / "backups"),
        RASA_PORT=str(PORT),
    )
    made = make("backup", env=env)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip().rsplit(" ", 1)[1])
    assert re.fullmatch(r"tracker-\d{8}T\d{6}Z\.db", backup.name) and backup.parent == folder / "backups"
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    refused = make("restore", f"FILE={backup}", env=env)  # the bot still runs
    assert refused.returncode != 0 and "running" in refused.stderr

    process.stop()
    for leftover in process.tracker_db.parent.glob(process.tracker_db.name + "*"):
        leftover.unlink()  # the store is gone
    triage = [
        str(ROOT / ".venv" / "bin" / "python"),
        "-m",
        "bot.helpline.triage",
        code.group(),
        "--db",
        str(process.tracker_db),
    ]
    assert subprocess.run(triage, cwd=ROOT, env=env, capture_output=True).returncode != 0

    restored = make("restore", f"FILE={backup}", env=env)
    assert restored.returncode == 0, restored.stderr
    card = subprocess.run(triage, cwd=ROOT, env=env, capture_output=True, text=True)
    assert card.returncode == 0, card.stderr
    assert f"Triage card {code.group()}" in card.stdout and "Asked for a person: yes" in card.stdout
    assert events_of(process.tracker_db, sender) > 0
