"""Issue 27 in the scale-out profile: the metrics part sums both Rasa servers,
the retention part runs over PostgreSQL, and `make backup SCALED=1` dumps it."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import requests

from tests.botprocess import ROOT, project_environment
from tests.scaled.scaled_process import Visitor


def answered(scaled) -> float:
    url = f"http://127.0.0.1:{scaled.ports['SCALED_METRICS_PORT']}/metrics"
    text = requests.get(url, timeout=10).text
    found = re.search(r'^probation_visitor_messages_total\{result="answered"\} ([0-9.]+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def test_metrics_count_the_turns_of_both_rasa_servers(scaled):
    before = answered(scaled)
    visitor = Visitor(scaled.url)
    for _ in range(4):
        visitor.say("how long is the PQiP?")
    assert len(set(visitor.served_by)) == 2, visitor.served_by
    assert answered(scaled) == before + 4


def test_the_retention_part_runs_over_postgresql(scaled):
    deadline = time.time() + 60  # serve_scaled.sh starts it last, once the database is set up
    while time.time() < deadline and "RUNNING" not in scaled.supervisorctl("status", "retention"):
        time.sleep(0.5)
    assert "RUNNING" in scaled.supervisorctl("status", "retention")
    log = scaled.state_dir / "retention.log"
    while time.time() < deadline and "retention: deleted" not in (log.read_text() if log.exists() else ""):
        time.sleep(0.5)
    assert re.search(
        r"retention: deleted \d+ conversations? \(\d+ events\) idle over 90 days", log.read_text()
    )


def test_make_backup_scaled_dumps_postgresql(scaled, tmp_path):
    Visitor(scaled.url).say("what is a PSO?")
    env = dict(
        project_environment(),
        SCALED_DIR=str(scaled.state_dir),
        BACKUP_DIR=str(tmp_path),
        SCALED_PG_PORT=str(scaled.ports["SCALED_PG_PORT"]),
    )
    made = subprocess.run(
        ["make", "-s", "backup", "SCALED=1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    dump = next(tmp_path.glob("tracker-*Z.pgdump"))
    pg_restore = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_restore"))
    listing = subprocess.run(
        [str(pg_restore[-1]) if pg_restore else "pg_restore", "--list", str(dump)],
        capture_output=True,
        text=True,
    )
    assert "TABLE DATA public events" in listing.stdout, listing.stdout[-500:]
