"""scripts/rasa (rasa_tuning/__main__.py): the tracker store Rasa will use is the project's,
or the server does not start; STOCK_RASA applies nothing."""

import subprocess
import sys

from rasa_tuning import __main__ as entry
from tests.conftest import ROOT


def endpoints(tmp_path, store_type):
    path = tmp_path / "endpoints.yml"
    path.write_text(f"tracker_store:\n  type: {store_type}\n  dialect: sqlite\n  db: {tmp_path / 't.db'}\n")
    return str(path)


def test_the_projects_endpoints_files_name_the_projects_store(monkeypatch):
    for variable in (
        "TRACKER_DB",
        "PG_HOST",
        "PG_PORT",
        "PG_DB",
        "PG_USER",
        "PG_PASSWORD",
        "PG_SSLMODE",
        "REDIS_HOST",
        "REDIS_PORT",
        "REDIS_PASSWORD",
        "ACTIONS_PORT",
        "ACTION_SERVER_URL",
    ):
        monkeypatch.setenv(variable, "1")
    for name in ("endpoints.yml", "endpoints-scaled.yml"):
        assert entry.tracker_store_problem(str(ROOT / name)) is None, name


def test_another_store_or_one_that_does_not_import_is_refused(tmp_path):
    assert "is Rasa's own" in entry.tracker_store_problem(endpoints(tmp_path, "SQL"))
    assert "is not rasa_tuning.tracker_store.KeptTrackerSQLStore" in entry.tracker_store_problem(
        endpoints(tmp_path, "rasa.core.tracker_store.SQLTrackerStore")
    )
    assert "does not import" in entry.tracker_store_problem(endpoints(tmp_path, "rasa_tuning.no_such.Store"))
    assert (
        entry.tracker_store_problem(str(tmp_path / "missing.yml")) is None
    )  # Rasa's default: no store named


def test_the_endpoints_argument_is_read_as_rasa_reads_it():
    assert entry.endpoints_file(["run", "--endpoints", "e.yml"]) == "e.yml"
    assert entry.endpoints_file(["run", "--endpoints=x.yml", "-m", "m"]) == "x.yml"
    assert entry.endpoints_file(["shell"]) == "endpoints.yml"


def test_a_server_with_a_store_that_does_not_import_never_starts(tmp_path):
    out = subprocess.run(
        [
            str(ROOT / "scripts" / "rasa"),
            "run",
            "--endpoints",
            endpoints(tmp_path, "rasa_tuning.no_such.Store"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode != 0
    assert "patches active: graph_runner" in out.stderr
    assert "does not import" in out.stderr and "refusing to start" in out.stderr


def test_stock_rasa_applies_no_patch():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from rasa_tuning.__main__ import prepare; sys.exit(0 if prepare() == {} else 1)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "STOCK_RASA": "1"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "stock Rasa (STOCK_RASA is set): no patch applied" in out.stderr
