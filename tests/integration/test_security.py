"""The bot's locked doors, checked on a real Rasa server and action server.

- the HTTP API (conversations, model) answers only with the token, which comes
  from the environment or var/auth_token and is never in the repository;
- CORS admits the recruitment page's origin and no other;
- the action server, like the Rasa server, listens on loopback only;
- the chat webhook refuses malformed requests with a short 4xx and answers an
  over-long message kindly without disturbing the conversation;
- neither the visitor's words nor the token end up in var/*.log.

Most tests use a bot of their own (ports TEST_RASA_PORT+1 / TEST_ACTIONS_PORT+1)
started with a token in RASA_AUTH_TOKEN, so the environment path is tested
and its logs are known.
"""

import json
import os
import re
import socket
import stat
import subprocess
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest
import requests

from bot.api_token import new_token
from bot.conversation.incoming import MAX_BODY_BYTES, MAX_MESSAGE_CHARS
from tests.botprocess import ROOT, BotProcess

RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105")) + 1
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155")) + 1
PAGE_ORIGIN = os.environ.get("WEB_ORIGIN") or f"http://127.0.0.1:{os.environ.get('WEB_PORT', '8000')}"
EVIL_ORIGIN = "http://evil.example"
LOG = ROOT / "var" / f"test-security-{RASA_PORT}.log"
WEBHOOK = "/webhooks/rest/webhook"


class Bot:
    def __init__(self, url: str, token: str):
        self.url, self.token = url, token

    def say(self, sender: str, message: str) -> list[dict]:
        reply = requests.post(self.url + WEBHOOK, json={"sender": sender, "message": message}, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def texts(self, sender: str, message: str) -> list[str]:
        return [m.get("text") or "" for m in self.say(sender, message)]

    def tracker(self, sender: str) -> dict:
        reply = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        assert reply.status_code == 200, reply.text
        return reply.json()


@pytest.fixture(scope="module")
def bot():
    token = new_token()  # as serve.sh makes them: never beginning with "-"
    db = ROOT / "var" / f"test-security-{os.getpid()}.db"
    process = BotProcess(RASA_PORT, ACTIONS_PORT, db, log=LOG, extra_env={"RASA_AUTH_TOKEN": token})
    process.start()
    try:
        yield Bot(process.url, token)
    finally:
        process.stop()
        db.unlink(missing_ok=True)


# --- no secret in the repository --------------------------------------------------------

# A literal secret given to Rasa, as opposed to one read from a variable ($...).
LITERAL_SECRET = [
    re.compile(r"--(?:auth-token|jwt-secret)[ =]+(?![\"']?\$)\S+"),
    re.compile(r"\b(?:RASA_AUTH_TOKEN|JWT_SECRET)[ \t]*[:=][ \t]*[\"']?(?![\"']?\$)[\w\-]{8,}"),
    re.compile(r"[?&]token=(?!\$)[\w\-]{16,}"),
]


def files_to_commit() -> list[Path]:
    """Tracked files plus untracked ones git would add: what a commit could publish."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [ROOT / name for name in out.split("\0") if name and (ROOT / name).is_file()]


def readable_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def test_the_secret_patterns_would_catch_a_literal_token():
    fake = "s3cr3t" + "Xq0m5Lr2dT8vYw3kPz"  # assembled, so this file holds no literal secret
    planted = [
        " ".join(["rasa run --enable-api --auth-token", fake]),
        "export RASA_AUTH_TOKEN=" + fake,
        "curl 'http://127.0.0.1:5005/status?token=" + fake + "'",
    ]
    safe = [
        '--auth-token "$RASA_AUTH_TOKEN"',
        'if [[ -z "${RASA_AUTH_TOKEN:-}" ]]',
        "RASA_AUTH_TOKEN=$(cat var/auth_token)",
        "?token=$TOKEN",
    ]
    for line in planted:
        assert any(p.search(line) for p in LITERAL_SECRET), line
    for line in safe:
        assert not any(p.search(line) for p in LITERAL_SECRET), line


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_no_token_is_committed_and_var_is_ignored(bot):
    files = files_to_commit()
    assert any(f.name == "serve.sh" for f in files)  # the listing is the real one
    secrets_in_use = [bot.token]
    token_file = ROOT / "var" / "auth_token"
    if token_file.exists():
        secrets_in_use.append(token_file.read_text().strip())
    for path in files:
        text = readable_text(path)
        if text is None:
            continue
        relative = path.relative_to(ROOT)
        assert not str(relative).startswith("var/"), f"{relative} would be committed"
        for secret in filter(None, secrets_in_use):
            assert secret not in text, f"the API token is in {relative}"
        for pattern in LITERAL_SECRET:
            found = pattern.search(text)
            assert not found, f"a literal secret in {relative}: {found.group(0)!r}"
    for private in ("var/auth_token", "var/tracker.db", "var/actions.log"):
        ignored = subprocess.run(["git", "check-ignore", "-q", private], cwd=ROOT)
        assert ignored.returncode == 0, f"{private} is not git-ignored"


def test_a_generated_token_is_private_and_works(bot_url):
    """The session bot got no RASA_AUTH_TOKEN: serve.sh made var/auth_token, owner-only."""
    if os.environ.get("BOT_URL") or os.environ.get("RASA_AUTH_TOKEN"):
        pytest.skip("the session bot's token is not from var/auth_token")
    token_file = ROOT / "var" / "auth_token"
    mode = stat.S_IMODE(token_file.stat().st_mode)
    assert mode & 0o077 == 0, f"var/auth_token is readable by others: {oct(mode)}"
    token = token_file.read_text().strip()
    assert len(token) >= 32
    url = f"{bot_url}/conversations/nobody/tracker"
    assert requests.get(url, params={"token": token}, timeout=30).status_code == 200
    assert requests.get(url, timeout=30).status_code == 401


# --- the HTTP API needs the token --------------------------------------------------------

# Refused calls go to one conversation and allowed ones to another, so the
# refused ones can be shown to have changed nothing.
REFUSED_ID = "refused-" + uuid.uuid4().hex[:8]
ALLOWED_ID = "allowed-" + uuid.uuid4().hex[:8]
EVENT = [{"event": "slot", "name": "age", "value": 40}]
PROTECTED = [
    ("GET", f"/conversations/{REFUSED_ID}/tracker", None),
    ("POST", f"/conversations/{REFUSED_ID}/tracker/events", EVENT),
    ("PUT", f"/conversations/{REFUSED_ID}/tracker/events", EVENT),
    ("GET", f"/conversations/{REFUSED_ID}/story", None),
    ("POST", f"/conversations/{REFUSED_ID}/messages", {"text": "hello", "sender": "user"}),
    ("POST", f"/conversations/{REFUSED_ID}/execute", {"name": "action_listen"}),
    ("POST", f"/conversations/{REFUSED_ID}/trigger_intent", {"name": "greet"}),
    ("POST", f"/conversations/{REFUSED_ID}/predict", None),
    ("POST", "/model/parse", {"text": "how long is the PQiP?"}),
    ("POST", "/model/predict", []),
    ("POST", "/model/train", {}),
    ("POST", "/model/test/intents", {}),
    ("PUT", "/model", {"model_file": "models/current.tar.gz"}),
    ("DELETE", "/model", None),
    ("GET", "/domain", None),
    ("GET", "/status", None),
]


def call(bot: Bot, method: str, path: str, body, params=None, headers=None) -> requests.Response:
    return requests.request(method, bot.url + path, json=body, params=params, headers=headers, timeout=60)


@pytest.mark.parametrize("method,path,body", PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED])
def test_api_refuses_anonymous_and_wrong_token(bot, method, path, body):
    # One character changed; "x" + token[1:] was the token itself when it began with "x"
    # (1 run in 64), and the refused calls then went through, DELETE /model included.
    wrong = ("y" if bot.token[0] == "x" else "x") + bot.token[1:]
    assert wrong != bot.token
    attempts = {
        "anonymous": dict(),
        "wrong token": dict(params={"token": wrong}),
        "empty token": dict(params={"token": ""}),
        "token as bearer header": dict(headers={"Authorization": f"Bearer {bot.token}"}),  # not a JWT
    }
    for name, kwargs in attempts.items():
        reply = call(bot, method, path, body, **kwargs)
        assert reply.status_code in (401, 403), f"{name}: {method} {path} -> {reply.status_code}"
    # Nothing was changed by the refused calls.
    tracker = bot.tracker(REFUSED_ID)
    assert tracker["slots"].get("age") is None and not user_texts(tracker)


# Calls with the right token that are safe to make (no model unloaded or trained).
ALLOWED = [
    ("GET", f"/conversations/{ALLOWED_ID}/tracker", None, 200),
    ("POST", "/model/parse", {"text": "how long is the PQiP?"}, 200),
    ("POST", f"/conversations/{ALLOWED_ID}/messages", {"text": "hello", "sender": "user"}, 200),
    ("POST", f"/conversations/{ALLOWED_ID}/tracker/events", EVENT, 200),
    ("PUT", "/model", None, 400),  # past the token check, refused for want of a model file
    ("GET", "/status", None, 200),
]


@pytest.mark.parametrize("method,path,body,expected", ALLOWED, ids=[f"{m} {p}" for m, p, _, _ in ALLOWED])
def test_api_accepts_the_right_token(bot, method, path, body, expected):
    reply = call(bot, method, path, body, params={"token": bot.token})
    assert reply.status_code == expected, f"{method} {path} -> {reply.status_code}: {reply.text[:300]}"


def test_events_posted_with_the_token_reach_the_conversation(bot):
    sender = "security-events-" + uuid.uuid4().hex[:8]
    reply = call(bot, "POST", f"/conversations/{sender}/tracker/events", EVENT, params={"token": bot.token})
    assert reply.status_code == 200, reply.text
    assert bot.tracker(sender)["slots"]["age"] == 40


def test_the_chat_webhook_needs_no_token(bot):
    assert bot.texts("security-" + uuid.uuid4().hex[:8], "hello")


# --- CORS ----------------------------------------------------------------------------------


def preflight(bot: Bot, origin: str) -> requests.Response:
    return requests.options(
        bot.url + WEBHOOK,
        timeout=30,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_cors_admits_the_page_origin(bot):
    reply = preflight(bot, PAGE_ORIGIN)
    assert reply.headers.get("Access-Control-Allow-Origin") == PAGE_ORIGIN, reply.headers
    assert "POST" in reply.headers.get("Access-Control-Allow-Methods", "")
    post = requests.post(
        bot.url + WEBHOOK,
        json={"sender": "cors-" + uuid.uuid4().hex[:8], "message": "hi"},
        headers={"Origin": PAGE_ORIGIN},
        timeout=30,
    )
    assert post.headers.get("Access-Control-Allow-Origin") == PAGE_ORIGIN


@pytest.mark.parametrize(
    "origin", [EVIL_ORIGIN, "null", PAGE_ORIGIN + ".evil.example", PAGE_ORIGIN.replace("http://", "https://")]
)
def test_cors_refuses_other_origins(bot, origin):
    for reply in (
        preflight(bot, origin),
        requests.post(
            bot.url + WEBHOOK,
            json={"sender": "cors-x", "message": "hi"},
            headers={"Origin": origin},
            timeout=30,
        ),
        requests.get(
            f"{bot.url}/conversations/cors-x/tracker",
            params={"token": bot.token},
            headers={"Origin": origin},
            timeout=30,
        ),
    ):
        assert "Access-Control-Allow-Origin" not in reply.headers, (origin, dict(reply.headers))


# --- loopback only -----------------------------------------------------------------------------


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    # /proc/net/tcp6 prints the address as four little-endian 32-bit words.
    return socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))


def listening_addresses(port: int) -> list[str]:
    """Local addresses of sockets listening on `port`, from the kernel's own tables."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.append(_address(address))
    return found


def test_address_decoding():
    assert _address("0100007F") == "127.0.0.1"
    assert _address("00000000") == "0.0.0.0"
    assert _address("00000000000000000000000001000000") == "::1"


def non_loopback_address() -> str | None:
    """This machine's address on its default route, if any (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 9))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.mark.parametrize("which", ["actions", "rasa"])
def test_servers_listen_on_loopback_only(bot, which):
    port = ACTIONS_PORT if which == "actions" else RASA_PORT
    addresses = listening_addresses(port)
    assert addresses, f"nothing listens on {port}"
    assert set(addresses) <= {"127.0.0.1", "::1"}, f"port {port} listens on {addresses}"
    outside = non_loopback_address()
    if outside:
        with pytest.raises(OSError):
            socket.create_connection((outside, port), timeout=3).close()


# --- malformed requests and over-long messages ----------------------------------------------------

MALFORMED = {
    "invalid_json": b'{"sender": "s", "message": ',
    "not_an_object": b'["hello"]',
    "missing_message": b'{"sender": "s"}',
    "number_message": b'{"sender": "s", "message": 42}',
    "null_message": b'{"sender": "s", "message": null}',
    "missing_sender": b'{"message": "how long is the PQiP?"}',
    "empty_body": b"",
    "invalid_utf8": b'{"sender": "s", "message": "\xc3\x28"}',
}


def assert_short_json_error(reply: requests.Response, status: int) -> None:
    assert reply.status_code == status, f"{reply.status_code}: {reply.text[:300]}"
    assert reply.headers["Content-Type"].startswith("application/json")
    error = reply.json()["error"]
    assert 0 < len(error) < 120 and not re.search(r"traceback|File \"", reply.text, re.I), reply.text


@pytest.mark.parametrize("raw", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_requests_get_a_short_400(bot, raw):
    reply = requests.post(
        bot.url + WEBHOOK, data=raw, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert_short_json_error(reply, 400)


def test_a_huge_body_gets_413(bot):
    raw = json.dumps({"sender": "s", "message": "a" * (2 * MAX_BODY_BYTES)}).encode()
    reply = requests.post(bot.url + WEBHOOK, data=raw, timeout=60)
    assert_short_json_error(reply, 413)


# A paste that mentions an FAQ: without the cap, NLU would answer the FAQ.
PASTE = "How long is the PQiP? My cover letter follows. " + "I have always wanted to help people. " * 200
assert len(PASTE) > MAX_MESSAGE_CHARS


def user_texts(tracker: dict) -> list[str]:
    return [e.get("text") or "" for e in tracker["events"] if e["event"] == "user"]


def test_an_over_long_message_gets_the_friendly_reply_and_is_not_recorded(bot):
    sender = "long-" + uuid.uuid4().hex[:8]
    texts = bot.texts(sender, PASTE)
    assert len(texts) == 1 and "long message" in texts[0], texts
    assert "15" not in texts[0] and "21" not in texts[0], texts  # not the PQiP-length answer
    assert PASTE not in user_texts(bot.tracker(sender))


def test_a_message_at_the_limit_still_reaches_the_bot(bot):
    sender = "limit-" + uuid.uuid4().hex[:8]
    message = ("I'd like to know about probation work. " * 100)[:MAX_MESSAGE_CHARS]
    assert bot.texts(sender, message)
    assert message in user_texts(bot.tracker(sender))


def last_line(texts: Iterable[str]) -> str:
    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_an_over_long_message_mid_form_leaves_the_check_where_it_was(bot):
    sender = "longform-" + uuid.uuid4().hex[:8]
    assert re.search(r"how old", last_line(bot.texts(sender, "check my eligibility")), re.I)
    assert re.search(r"right to work", last_line(bot.texts(sender, "I'm 31")), re.I)
    events_before = len(bot.tracker(sender)["events"])

    texts = bot.texts(sender, PASTE)
    assert "long message" in texts[0], texts
    assert re.search(r"right to work", last_line(texts), re.I), (
        f"the waiting question is not repeated: {texts}"
    )
    tracker = bot.tracker(sender)
    assert len(tracker["events"]) == events_before, "the over-long message changed the conversation"
    assert tracker["active_loop"].get("name") == "eligibility_form"

    assert re.search(r"where do you want to work", last_line(bot.texts(sender, "yes")), re.I)
    slots = bot.tracker(sender)["slots"]
    assert slots["age"] == 31 and slots["right_to_work"] is True, slots


# --- no personal data or secrets in logs ----------------------------------------------------------


def test_logs_hold_neither_what_visitors_say_nor_the_token(bot):
    marker = "ZQX" + uuid.uuid4().hex
    sender = "logs-" + uuid.uuid4().hex[:8]
    bot.texts(sender, "check my eligibility")
    assert re.search(r"right to work", last_line(bot.texts(sender, "I am seventy three")), re.I)
    bot.texts(sender, f"My name is Zed {marker} and I live in Leeds")
    bot.texts(sender, f"{marker} " * 600)  # over-long
    requests.post(bot.url + WEBHOOK, json={"sender": sender, "message": 73, "metadata": marker}, timeout=30)
    requests.post(bot.url + WEBHOOK, data=f'{{"sender": "{sender}", "message": "{marker}', timeout=30)
    assert bot.tracker(sender)["slots"]["age"] == 73  # the age really went through

    logs = sorted((ROOT / "var").glob("*.log"))
    assert LOG in logs and "Starting Rasa server" in LOG.read_text(errors="replace"), "not this bot's log"
    age_logged = re.compile(r"seventy.three|\bage\b\W{1,40}(?:value\W{1,5})?73\b", re.I)
    for path in logs:
        text = path.read_text(errors="replace")
        assert marker not in text, f"a visitor's message is in {path.name}"
        assert not age_logged.search(text), f"a visitor's age is in {path.name}"
        assert bot.token not in text, f"the API token is in {path.name}"
