"""Backups of the tracker store that restore.

    python -m bot.service.backup backup [--dir var/backups]   while the bot runs
    python -m bot.service.backup restore FILE                 with the bot stopped
    (`make backup`, `make restore FILE=...`; SCALED=1 for the scale-out profile)

SQLite (make run, $TRACKER_DB): a consistent copy taken with SQLite's online
backup API while the bot keeps writing, checked (`PRAGMA integrity_check`),
as var/backups/tracker-YYYYMMDDTHHMMSSZ.db. PostgreSQL (make run-scaled,
$TRACKER_DB_URL with the password in $PGPASSWORD): `pg_dump` in its custom
format, a consistent snapshot of a running database, as
var/backups/tracker-YYYYMMDDTHHMMSSZ.pgdump. Backups hold visitors' words:
they are written owner-only (mode 600), and retention does not reach them, so
delete old ones (README, "Backup and restore").

Restore refuses while the bot is running (its Rasa port answers), checks the
file first, and keeps the store it replaces beside the backups
(tracker-replaced-TIME.db); for PostgreSQL it restores with
`pg_restore --clean` into the running database server (serve_scaled.sh's
PostgreSQL, started alone: `make restore` starts and stops it itself).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.helpline import tracker_events

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = Path(os.environ.get("BACKUP_DIR") or ROOT / "var" / "backups")  # BACKUP_DIR: elsewhere


class BackupError(Exception):
    pass


def stamp(now: float | None = None) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))


def _owner_only(path: Path) -> None:
    path.chmod(0o600)


def check_sqlite(path: Path) -> int:
    """The number of events in an SQLite store; BackupError if it is not a sound one."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{path} is damaged: {verdict}")
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a tracker store: {exc}") from None


def backup_sqlite(store: Path, folder: Path, now: float | None = None) -> Path:
    if not store.is_file():
        raise BackupError(f"no tracker store at {store} (the bot creates it with its first conversation)")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"tracker-{stamp(now)}.db"
    partial = target.with_suffix(".db.partial")
    source = sqlite3.connect(store.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    old_umask = os.umask(0o077)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=1024)  # in steps: the bot's writes wait at most one step
        finally:
            copy.close()
    finally:
        os.umask(old_umask)
        source.close()
    check_sqlite(partial)
    _owner_only(partial)
    partial.replace(target)
    return target


def _pg_tool(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parts[-3])
    if found:
        return str(found[-1])
    if shutil.which(name):
        return name
    raise BackupError(f"{name} is not installed (make run-scaled installs PostgreSQL)")


def _pg_args(url_text: str) -> tuple[list[str], dict[str, str]]:
    url = tracker_events.parse_url(url_text)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "rasa"]
    return args + ["-d", url.database or "rasa"], env


def backup_postgres(url_text: str, folder: Path, now: float | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"tracker-{stamp(now)}.pgdump"
    partial = target.with_suffix(".pgdump.partial")
    args, env = _pg_args(url_text)
    old_umask = os.umask(0o077)
    try:
        done = subprocess.run(
            [_pg_tool("pg_dump"), *args, "-Fc", "-f", str(partial)], env=env, capture_output=True, text=True
        )
    finally:
        os.umask(old_umask)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    partial.replace(target)
    return target


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def restore_sqlite(backup: Path, store: Path, folder: Path, now: float | None = None) -> Path | None:
    """Put `backup` in place of `store`; returns where the replaced store was kept."""
    check_sqlite(backup)
    store.parent.mkdir(parents=True, exist_ok=True)
    incoming = store.with_name(store.name + ".restoring")
    shutil.copyfile(backup, incoming)
    _owner_only(incoming)
    kept = None
    if store.exists():
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"tracker-replaced-{stamp(now)}.db"
        shutil.move(store, kept)
        _owner_only(kept)
    for leftover in ("-wal", "-shm", "-journal"):  # the old store's, not the backup's
        store.with_name(store.name + leftover).unlink(missing_ok=True)
    incoming.replace(store)
    return kept


def restore_postgres(backup: Path, url_text: str) -> None:
    args, env = _pg_args(url_text)
    done = subprocess.run(
        [
            _pg_tool("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(backup),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.service.backup", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("backup", help="write a consistent copy of the tracker store")
    make.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    put = sub.add_parser("restore", help="put a backup in place of the tracker store (bot stopped)")
    put.add_argument("file", type=Path)
    put.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where the replaced store is kept")
    args = parser.parse_args(argv)
    url_text = os.environ.get("TRACKER_DB_URL")
    store = tracker_events.default_db()
    try:
        if args.command == "backup":
            target = backup_postgres(url_text, args.dir) if url_text else backup_sqlite(store, args.dir)
            print(f"Backed up the tracker store to {target}")
            return 0
        if not args.file.is_file():
            raise BackupError(f"no backup at {args.file}")
        rasa_ports = [int(p) for p in os.environ.get("BOT_PORTS", "").split() if p.isdigit()]
        running = [p for p in rasa_ports if port_answers(p)]
        if running:
            raise BackupError(
                f"the bot is running (port {running[0]} answers): stop it first (Ctrl-C where make run runs)"
            )
        if url_text:
            restore_postgres(args.file, url_text)
            print(f"Restored {args.file} into PostgreSQL")
        else:
            kept = restore_sqlite(args.file, store, args.dir)
            print(
                f"Restored {args.file} to {store}" + (f"; the store it replaced is in {kept}" if kept else "")
            )
        return 0
    except BackupError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
