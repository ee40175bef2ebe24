"""A token beginning with "-" starts the bot (issue 11): `rasa run` took such a token
after `--auth-token` for an option, and `make run` failed on that machine for good.
One bot per case (ports TEST_RASA_PORT+4 / TEST_ACTIONS_PORT+4), token in
RASA_AUTH_TOKEN or in the token file; the HTTP API must take exactly that token."""

import os

import pytest
import requests

from bot.api_token import new_token
from tests.botprocess import ROOT, BotProcess

RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105")) + 4
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155")) + 4


@pytest.mark.parametrize("where", ["RASA_AUTH_TOKEN", "token file"])
def test_a_token_beginning_with_a_dash_starts_the_bot(where, tmp_path):
    token = "-wO" + new_token()
    token_file = tmp_path / "auth_token"
    env = {"AUTH_TOKEN_FILE": str(token_file), "RASA_AUTH_TOKEN": ""}
    if where == "RASA_AUTH_TOKEN":
        env["RASA_AUTH_TOKEN"] = token
    else:
        token_file.write_text(token + "\n")
        token_file.chmod(0o600)
    bot = BotProcess(
        RASA_PORT,
        ACTIONS_PORT,
        tmp_path / "tracker.db",
        log=ROOT / "var" / f"test-token-{RASA_PORT}.log",
        extra_env=env,
    )
    bot.start()
    try:
        assert requests.get(f"{bot.url}/status", params={"token": token}, timeout=30).status_code == 200
        assert requests.get(f"{bot.url}/status", params={"token": token[1:]}, timeout=30).status_code == 401
    finally:
        bot.stop()
    if where == "token file":
        assert token_file.read_text().strip() == token, "a working token was replaced"
