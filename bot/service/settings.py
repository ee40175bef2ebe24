"""deploy/limits.yml, read once: the service's limits, each with its reason there."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "deploy" / "limits.yml"


@dataclass(frozen=True)
class ChatLimit:
    burst: int
    per_second: float
    limited_reply_pause_seconds: float
    max_clients: int
    forwarded_header: str
    exempt: tuple[str, ...] = ()


@dataclass(frozen=True)
class NginxLimit:
    rate_per_second: int
    burst: int
    zone_megabytes: int


@dataclass(frozen=True)
class Retention:
    days: int
    interval_seconds: float


@dataclass(frozen=True)
class Settings:
    chat: ChatLimit
    nginx: NginxLimit
    retention: Retention


def _positive(section: str, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(
            f"{SETTINGS_FILE.name}: {section}.{key} must be a number of 0 or more, not {value!r}"
        )
    return value


def parse(data: dict) -> Settings:
    chat, nginx, retention = data["chat"], data["nginx"], data["retention"]
    for section, values in (("chat", chat), ("nginx", nginx), ("retention", retention)):
        for key, value in values.items():
            if key not in ("forwarded_header", "exempt"):
                _positive(section, key, value)
    return Settings(
        ChatLimit(
            burst=int(chat["burst"]),
            per_second=float(chat["per_second"]),
            limited_reply_pause_seconds=float(chat["limited_reply_pause_seconds"]),
            max_clients=int(chat["max_clients"]),
            forwarded_header=str(chat["forwarded_header"]),
            exempt=tuple(str(a) for a in chat.get("exempt") or ()),
        ),
        NginxLimit(int(nginx["rate_per_second"]), int(nginx["burst"]), int(nginx["zone_megabytes"])),
        Retention(int(retention["days"]), float(retention["interval_seconds"])),
    )


@functools.lru_cache(maxsize=1)
def load() -> Settings:
    return parse(yaml.safe_load(SETTINGS_FILE.read_text()))


def chat_exempt() -> tuple[str, ...]:
    """CHAT_LIMIT_EXEMPT (comma-separated; "none" for nobody), else deploy/limits.yml's."""
    text = os.environ.get("CHAT_LIMIT_EXEMPT")
    if text is None:
        return load().chat.exempt
    return tuple(a.strip() for a in text.split(",") if a.strip() and a.strip().lower() != "none")


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def retention_days() -> int:
    """RETENTION_DAYS, else deploy/limits.yml's retention.days (90)."""
    return int(_env_number("RETENTION_DAYS", load().retention.days))


def retention_interval() -> float:
    """RETENTION_INTERVAL_SECONDS, else deploy/limits.yml's (a day)."""
    return _env_number("RETENTION_INTERVAL_SECONDS", load().retention.interval_seconds)


def render_nginx(template: str, exempt: tuple[str, ...] | None = None) -> str:
    """deploy/nginx.conf.template's @LIMIT_*@ markers filled in from this file."""
    from bot.service.limits import LIMITED_TEXT

    n = load().nginx
    geo = "".join(f"    {address} 1;\n" for address in (chat_exempt() if exempt is None else exempt))
    quoted = LIMITED_TEXT.replace("\\", "\\\\").replace("'", "\\'")
    for marker, value in (
        ("@LIMIT_RATE@", str(n.rate_per_second)),
        ("@LIMIT_BURST@", str(n.burst)),
        ("@LIMIT_ZONE_MB@", str(n.zone_megabytes)),
        ("@LIMIT_EXEMPT_GEO@", geo),
        ("@LIMITED_TEXT@", quoted),
    ):
        template = template.replace(marker, value)
    return template


if __name__ == "__main__":  # `... | python -m bot.service.settings nginx`: serve_scaled.sh renders nginx.conf
    import sys

    if sys.argv[1:] == ["nginx"]:
        sys.stdout.write(render_nginx(sys.stdin.read()))
