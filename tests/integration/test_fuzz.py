"""Fuzz the REST webhook: over a thousand odd, hostile and broken requests, then a real question.

Every request is generated up front from one seed (printed; FUZZ_SEED=... to
replay, FUZZ_REQUESTS=... for more), then sent from a few threads. Each must
get a 2xx or 4xx, never a 5xx or a traceback; a 200 is the bot's usual JSON
list, a 4xx a short JSON error. Afterwards the bot must still answer "How long
is the PQiP?" correctly.
"""

import json
import os
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from bot.conversation.incoming import MAX_MESSAGE_CHARS

SEED = int(os.environ.get("FUZZ_SEED", "20261123"))
REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "1000"))
THREADS = 4
WEBHOOK = "/webhooks/rest/webhook"


@dataclass
class Case:
    index: int
    kind: str
    body: bytes
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    params: dict[str, str] = field(default_factory=dict)
    sender: str | None = None  # when the body is a well-formed chat message

    def describe(self) -> str:
        return f"case {self.index} ({self.kind}, {len(self.body)} bytes, seed {SEED}): {self.body[:160]!r}"


# --- ingredients -------------------------------------------------------------------------------

QUESTIONS = [
    "How long is the PQiP?",
    "check my eligibility",
    "I'm 31",
    "yes",
    "England",
    "BA in criminology",
    "all four",
    "I volunteer at a homeless shelter",
    "why",
    "restart",
    "what does a probation officer do?",
    "no",
    "I live in Glasgow",
    "seventeen",
]
EMOJI = ["😀", "🎉", "👍🏽", "👩‍👩‍👧", "🇬🇧", "🏳️‍🌈", "❤️", "🙈", "🤖", "💩", "🧑🏿‍⚖️", "\U0001f9d1"]
RTL = [
    "كيف أصبح ضابط مراقبة؟",
    "איך להיות קצין מבחן?",
    "\u202ehow long is the PQiP?",
    "\u200fمرحبا\u200f",
    "کیا میں اہل ہوں؟",
    "\u202b31\u202c",
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u180e", "\u00ad"]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}}",
    "${jndi:ldap://127.0.0.1/x}",
    "'; DROP TABLE events; --",
    "<!--",
    "]]>",
    "<svg/onload=alert(1)>",
    "%00%0d%0aSet-Cookie:x=1",
    "../../../../etc/passwd",
    "\\u0000",
    '"}]}',
    "<iframe src=//evil.example>",
]
INTENTS = [
    "greet",
    "check_eligibility",
    "inform",
    "affirm",
    "deny",
    "restart_check",
    "explain_outcome",
    "faq_pqip_length",
    "request_human",
    "nlu_fallback",
    "restart",
    "session_start",
    "no_such_intent",
    "action_listen",
    "eligibility_form",
]
JUNK_VALUES = [None, True, 0, -1, 1e308, "", "abc", [], [1, 2], {}, {"a": {"b": None}}, "x" * 300]


def random_unicode(rng: random.Random, length: int) -> str:
    """Code points from every plane we can encode, surrogates excepted."""
    chars = []
    for _ in range(length):
        band = rng.random()
        if band < 0.3:
            cp = rng.randint(0x20, 0x7E)
        elif band < 0.7:
            cp = rng.randint(0xA0, 0xD7FF)
        elif band < 0.8:
            cp = rng.randint(0xE000, 0xFFFD)
        else:
            cp = rng.randint(0x10000, 0x10FFFF)
        chars.append(chr(cp))
    return "".join(chars)


def control_text(rng: random.Random) -> str:
    controls = [chr(c) for c in list(range(0x00, 0x20)) + [0x7F] + list(range(0x80, 0xA0))]
    words = rng.choice(QUESTIONS).split()
    return "".join(w + "".join(rng.choice(controls) for _ in range(rng.randint(0, 3))) + " " for w in words)


def sprinkle(rng: random.Random, text: str, extras: list[str]) -> str:
    return "".join(ch + (rng.choice(extras) if rng.random() < 0.4 else "") for ch in text)


def oversized_length(rng: random.Random) -> int:
    return int(10_000 * (100 ** rng.random()))  # log-uniform, 10 kB to 1 MB


# --- generators: each returns (kind, body, extra) -------------------------------------------------


class Fuzzer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed

    def sender(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:  # odd but acceptable ids
            return rng.choice(["🤖" * 5, "ünïcødé", "a/b/../c", "x" * 128, "'; --", "<b>"]) + str(
                rng.random()
            )
        return f"fuzz-{self.seed}-{rng.randrange(40)}"  # a pool, so conversations build up (forms too)

    def chat(self, kind: str, message: str, **extra) -> Case:
        sender = self.sender()
        payload = {"sender": sender, "message": message, **extra}
        ascii_only = self.rng.random() < 0.5
        body = json.dumps(payload, ensure_ascii=ascii_only).encode("utf-8")
        return Case(0, kind, body, sender=sender)

    def unicode(self):
        return self.chat("random unicode", random_unicode(self.rng, self.rng.randint(1, 300)))

    def emoji(self):
        rng = self.rng
        text = "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.5:
            text = rng.choice(QUESTIONS) + " " + text
        return self.chat("emoji", text)

    def rtl(self):
        return self.chat(
            "right-to-left", self.rng.choice(RTL) + " " * self.rng.randint(0, 2) + self.rng.choice(RTL)
        )

    def zero_width(self):
        return self.chat("zero-width", sprinkle(self.rng, self.rng.choice(QUESTIONS), ZERO_WIDTH))

    def control(self):
        return self.chat("control characters", control_text(self.rng))

    def nul(self):
        rng = self.rng
        text = rng.choice(QUESTIONS)
        cut = rng.randint(0, len(text))
        return self.chat("NUL in message", text[:cut] + "\x00" * rng.randint(1, 5) + text[cut:])

    def markup(self):
        rng = self.rng
        return self.chat(
            "markup/injection",
            rng.choice(MARKUP) + (" " + rng.choice(QUESTIONS) if rng.random() < 0.3 else ""),
        )

    def payload(self):
        rng = self.rng
        entities = {
            rng.choice(["age", "nation", "QUALIFICATION", "requested_slot", "x"]): rng.choice(JUNK_VALUES)
        }
        text = "/" + rng.choice(INTENTS)
        if rng.random() < 0.6:
            text += json.dumps(entities) if rng.random() < 0.8 else "{not json"
        return self.chat("intent payload", text)

    def long_message(self):
        rng = self.rng
        length = rng.randint(MAX_MESSAGE_CHARS - 5, MAX_MESSAGE_CHARS * 4)
        return self.chat("long message", (rng.choice(QUESTIONS) + " ") * (length // 10 + 1))

    def oversized(self):
        rng = self.rng
        size = oversized_length(rng)
        style = rng.randrange(4)
        if style == 0:  # a well-formed chat message, just huge
            return self.chat("oversized message", "a" * size)
        if style == 1:
            body = rng.randbytes(min(size, 50_000)) * (size // 50_000 + 1)
            return Case(0, "oversized random bytes", body[:size])
        if style == 2:
            return Case(0, "oversized nesting", b"[" * size)
        return self.chat("oversized metadata", "hi", metadata={"blob": "z" * size})

    def malformed(self):
        rng = self.rng
        good = json.dumps({"sender": self.sender(), "message": rng.choice(QUESTIONS)}).encode()
        options = [
            lambda: good[: rng.randint(0, len(good) - 1)],  # truncated
            lambda: rng.randbytes(rng.randint(1, 200)),  # noise
            lambda: good.replace(b'"', b"'"),  # single quotes
            lambda: good[:-1] + b",}",  # trailing comma
            lambda: b"\xef\xbb\xbf" + good,  # BOM
            lambda: good.replace(b'"message"', b'"message": NaN, "m"'),
            lambda: b'{"sender": "s", "message": "\xc3\x28"}',  # invalid UTF-8
            lambda: b'{"sender": "s", "message": "\\ud800\\udfff\\udc00"}',  # lone surrogates
            lambda: b'{"sender": "s", "message": "\\x41"}',  # bad escape
            lambda: b"[" * rng.randint(100, 5000) + b"]" * rng.randint(0, 5000),
            lambda: b'{"sender": "s", "message": 1e999999}',
            lambda: b'{"sender": "s", "sender": 5, "message": "hi"}',  # duplicate key
            lambda: good + b"garbage",
            lambda: b"\x00" * rng.randint(1, 100),
            lambda: good.replace(b"{", b"{\x00", 1),
            lambda: b"sender=s&message=hello",  # a form post
        ]
        return Case(0, "malformed JSON", rng.choice(options)())

    def wrong_types(self):
        rng = self.rng
        which = rng.randrange(4)
        if which == 0:
            body = {
                "sender": self.sender(),
                "message": rng.choice([v for v in JUNK_VALUES if not isinstance(v, str)]),
            }
        elif which == 1:
            body = {
                "sender": rng.choice(
                    [v for v in JUNK_VALUES if v != "abc"] + ["a\x00b", "x" * 129, "\u200b"]
                ),
                "message": "hi",
            }
        elif which == 2:
            body = {
                "sender": self.sender(),
                "message": "hi",
                "metadata": rng.choice([v for v in JUNK_VALUES if not isinstance(v, dict)]),
            }
        else:
            body = rng.choice([[], ["sender", "message"], "hello", 42, None, True, {"text": "hi"}])
        return Case(0, "wrong types", json.dumps(body).encode())

    def empty(self):
        rng = self.rng
        choice = rng.randrange(4)
        if choice == 0:
            return Case(0, "empty body", b"")
        if choice == 1:
            return Case(0, "empty object", b"{}")
        if choice == 2:
            return self.chat("empty message", rng.choice(["", " ", "\n\t", "\u3000"]))
        return Case(0, "empty sender", json.dumps({"sender": "", "message": "hi"}).encode())

    # kind -> weight; a few oversized bodies are plenty (each is up to 1 MB)
    WEIGHTS: dict[str, int] = dict(
        unicode=10,
        emoji=8,
        rtl=6,
        zero_width=6,
        control=8,
        nul=5,
        markup=8,
        payload=8,
        long_message=4,
        oversized=4,
        malformed=14,
        wrong_types=10,
        empty=5,
    )

    def cases(self, count: int) -> list[Case]:
        makers: list[Callable[[], Case]] = [getattr(self, k) for k in self.WEIGHTS]
        weights = list(self.WEIGHTS.values())
        cases = []
        for index in range(count):
            case = self.rng.choices(makers, weights)[0]()
            case.index = index
            roll = self.rng.random()
            if roll < 0.05:
                case.headers = {
                    "Content-Type": self.rng.choice(
                        [
                            "text/plain",
                            "application/x-www-form-urlencoded",
                            "application/json; charset=latin-1",
                            "",
                        ]
                    )
                }
            elif roll < 0.07:
                case.params = {"stream": "true"}
            cases.append(case)
        return cases


# --- sending and checking ----------------------------------------------------------------------------

_local = threading.local()


def session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def send(url: str, case: Case):
    try:
        reply = session().post(
            url + WEBHOOK, data=case.body, headers=case.headers, params=case.params, timeout=60
        )
        return case, reply.status_code, reply.headers.get("Content-Type", ""), reply.text, None
    except requests.RequestException as exc:
        return case, None, "", "", f"{type(exc).__name__}: {exc}"


def problem(case: Case, status: int | None, content_type: str, text: str, error: str | None) -> str | None:
    if error:
        return f"no answer: {error}"
    if status is not None and status >= 500:
        return f"HTTP {status}: {text[:300]}"
    if re.search(r"Traceback|File \"/", text):
        return f"a traceback in the reply: {text[:300]}"
    if status == 200 and case.params.get("stream"):
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        return None if all(isinstance(m, dict) for m in lines) else f"odd stream: {text[:300]}"
    try:
        data = json.loads(text)
    except ValueError:
        return f"HTTP {status} without JSON: {text[:300]}"
    if status == 200:
        if not isinstance(data, list) or not all(isinstance(m, dict) for m in data):
            return f"200 but not a list of messages: {text[:300]}"
        if case.sender and any(m.get("recipient_id") != case.sender for m in data):
            return f"a reply addressed to someone else: {text[:300]}"
        return None
    if not (isinstance(data, dict) and isinstance(data.get("error"), str) and len(data["error"]) < 120):
        return f"HTTP {status} without a short JSON error: {text[:300]}"
    return None


def test_fuzz_the_webhook_then_it_still_answers(bot_url):
    print(f"\nfuzz seed {SEED} (FUZZ_SEED={SEED} to replay), {REQUESTS} requests, {THREADS} threads")
    cases = Fuzzer(SEED).cases(REQUESTS)
    assert len(cases) >= 1000
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda c: send(bot_url, c), cases))
    elapsed = time.perf_counter() - started

    statuses = Counter(status for _, status, _, _, _ in results)
    kinds = Counter(case.kind for case in cases)
    print(f"sent in {elapsed:.1f}s; statuses {dict(statuses)}; kinds {dict(kinds)}")
    failures = [f"{case.describe()}\n  -> {why}" for case, *rest in results if (why := problem(case, *rest))]
    assert not failures, f"{len(failures)} bad answers (seed {SEED}):\n" + "\n".join(failures[:15])
    # The fuzz reached both sides of the door: the bot itself and the refusals.
    assert (
        statuses[200] >= REQUESTS // 4
        and sum(n for s, n in statuses.items() if 400 <= s < 500) >= REQUESTS // 4
    )
    assert statuses[413] > 0

    reply = requests.post(
        bot_url + WEBHOOK,
        json={"sender": f"after-fuzz-{SEED}", "message": "How long is the PQiP?"},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    text = " ".join(m.get("text") or "" for m in reply.json())
    assert "15" in text and "21" in text, text
