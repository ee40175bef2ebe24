"""scripts/serve.sh refuses at once, and says what to run, when what Rasa loads is missing.

Without the check Rasa starts with no model and serve.sh waits 300 s for it.
No bot is started: the script stops before supervisord.
"""

import os
import subprocess
import time

from tests.botprocess import ROOT


def serve(**env):
    ports = {"RASA_PORT": "5995", "ACTIONS_PORT": "5996", "WEB_PORT": "5997", "STAFF_PORT": "5998"}
    started = time.monotonic()
    result = subprocess.run(
        ["scripts/serve.sh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **ports, **env},
    )
    return result, time.monotonic() - started


def test_a_missing_model_is_named_with_the_command_that_builds_it():
    result, took = serve(MODEL="models/no-such-model.tar.gz")
    assert result.returncode == 1
    assert "models/no-such-model.tar.gz is missing: run make run" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert took < 30


def test_a_busy_staff_console_port_is_named_with_its_variable():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result, took = serve(STAFF_PORT=port)
    assert result.returncode == 1
    assert f"port {port} is already in use; set STAFF_PORT to another port" in result.stderr
    assert took < 30
