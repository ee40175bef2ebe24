"""The per-client chat limit (bot/service/limits.py, deploy/limits.yml)."""

from bot.service import settings
from bot.service.limits import ClientLimiter, client_address


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_settings_file_loads_with_a_reason_for_each_limit():
    loaded = settings.load()
    assert loaded.chat.burst >= 10 and 0 < loaded.chat.per_second <= 5
    text = settings.SETTINGS_FILE.read_text()
    for key in ("burst:", "per_second:", "limited_reply_pause_seconds:", "rate_per_second:", "days:"):
        line = text.index(key)
        assert "#" in text[max(0, line - 300) : line], f"{key} has no reason above it"


def test_a_fast_typist_pressing_buttons_never_meets_the_limit():
    clock = Clock()
    limiter = ClientLimiter(settings.load().chat, clock)
    # Ten minutes: runs of five buttons pressed 0.6 s apart, then a typed message 3 s later.
    sent = 0
    while clock.now < 1600:
        for _ in range(5):
            assert limiter.allow("203.0.113.5"), f"limited after {sent} messages"
            sent += 1
            clock.now += 0.6
        clock.now += 3
        assert limiter.allow("203.0.113.5")
        sent += 1
    assert sent > 300


def test_a_flood_gets_about_the_refill_rate_through():
    clock = Clock()
    limit = settings.load().chat
    limiter = ClientLimiter(limit, clock)
    allowed = 0
    for _ in range(117 * 30):  # 117 a second for 30 s, as issue 27 measured
        allowed += limiter.allow("198.51.100.7")
        clock.now += 1 / 117
    assert allowed <= limit.burst + 30 * limit.per_second + 1
    # another client is not affected
    assert limiter.allow("198.51.100.8")


def test_clients_are_forgotten_beyond_the_cap():
    limit = settings.parse(
        {
            "chat": {**settings.load().chat.__dict__, "max_clients": 3, "exempt": []},
            "nginx": settings.load().nginx.__dict__,
            "retention": settings.load().retention.__dict__,
        }
    ).chat
    limiter = ClientLimiter(limit, Clock())
    for n in range(10):
        limiter.allow(f"10.0.0.{n}")
    assert len(limiter) == 3


def test_the_forwarded_address_counts_only_behind_our_proxy():
    limit = settings.load().chat
    headers = {"X-Real-IP": "203.0.113.9"}
    assert client_address("127.0.0.1", headers, limit, trust_forwarded=True) == "203.0.113.9"
    assert client_address("127.0.0.1", headers, limit, trust_forwarded=False) == "127.0.0.1"
    assert client_address("127.0.0.1", {}, limit, trust_forwarded=True) == "127.0.0.1"


def test_exempt_addresses_come_from_the_file_or_the_environment(monkeypatch):
    monkeypatch.delenv("CHAT_LIMIT_EXEMPT", raising=False)
    assert settings.chat_exempt() == ("127.0.0.1",)
    monkeypatch.setenv("CHAT_LIMIT_EXEMPT", "none")
    assert settings.chat_exempt() == ()
