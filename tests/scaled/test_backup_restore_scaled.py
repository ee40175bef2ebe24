"""make backup / make restore SCALED=1 (issue 27) on a scale-out profile of its own
(ports TEST_SCALED_PORT+5 and up): chat until a reference code is given, back
up with pg_dump while it runs, check a restore is refused while it runs, stop
it, drop the events table, restore, and find the conversation's triage card."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.botprocess import ROOT, project_environment
from tests.scaled.conftest import BASE_PORT
from tests.scaled.scaled_process import ScaledProfile, Visitor

CODE = re.compile(r"PC-[A-Z0-9]{5}")
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def as_postgres() -> list[str]:
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"] if os.getuid() == 0 else []


def pg_ctl(profile: ScaledProfile, action: str) -> None:
    pgdata, port = profile.state_dir / "pg", profile.ports["SCALED_PG_PORT"]
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={pgdata}"
    subprocess.run(
        [
            *as_postgres(),
            str(PG_BIN[-1] / "pg_ctl"),
            "-D",
            str(pgdata),
            "-w",
            "-s",
            "-m",
            "fast",
            "-l",
            str(profile.state_dir / "pg" / "test.log"),
            "-o",
            options,
            action,
        ],
        check=True,
        timeout=60,
    )


def test_backup_and_restore_of_the_postgresql_store(tmp_path):
    if not PG_BIN:
        pytest.skip("PostgreSQL is not installed")
    profile = ScaledProfile(
        BASE_PORT + 5,
        ROOT / "var" / f"test-scaled-backup-{os.getpid()}",
        log=ROOT / "var" / "test-scaled-backup.log",
    )
    profile.start()
    try:
        visitor = Visitor(profile.url)
        visitor.say("can I become a probation officer?")
        code = CODE.search(visitor.say("I want to talk to a human"))
        assert code
        env = dict(
            project_environment(),
            SCALED_DIR=str(profile.state_dir),
            BACKUP_DIR=str(tmp_path),
            **{k: str(v) for k, v in profile.ports.items()},
        )
        made = subprocess.run(
            ["make", "-s", "backup", "SCALED=1"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        dump = next(tmp_path.glob("tracker-*Z.pgdump"))
        restore = ["make", "-s", "restore", f"FILE={dump}", "SCALED=1"]
        refused = subprocess.run(restore, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert refused.returncode != 0 and "running" in refused.stderr, refused.stderr

        profile.stop()
        pg_ctl(profile, "start")  # the store goes: its events table dropped
        psql = [
            str(PG_BIN[-1] / "psql"),
            "-X",
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            str(profile.ports["SCALED_PG_PORT"]),
            "-U",
            "rasa",
            "-d",
            "rasa",
        ]
        pg_env = dict(env, PGPASSWORD=profile.secret("pg_password"))
        subprocess.run([*psql, "-c", "DROP TABLE events"], env=pg_env, check=True, timeout=60)
        pg_ctl(profile, "stop")

        restored = subprocess.run(restore, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert restored.returncode == 0, restored.stderr
        pg_ctl(profile, "start")
        try:
            card = subprocess.run(
                ["make", "-s", "triage", f"REF={code.group()}", "SCALED=1"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            pg_ctl(profile, "stop")
        assert card.returncode == 0, card.stderr
        assert f"Triage card {code.group()}" in card.stdout and "Asked for a person: yes" in card.stdout
    finally:
        profile.stop()
        shutil.rmtree(profile.state_dir, ignore_errors=True)
