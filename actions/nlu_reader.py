"""Reads one part of a message with the running Rasa server's own NLU.

For a message that asks two questions, or asks one after telling the
visitor's background ("I work nights in a hostel ... what does the PQiP
require?"), each part is sent to the Rasa server's
`/model/parse` (the same model that read the whole message), so both parts
are understood exactly as a message of their own would be. The Rasa server is
the one calling this action server, so it is up; if it doesn't answer within
a second, the message is answered as one question instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import requests

from bot.conversation.answering import ClauseReader, Ranking
from bot.conversation.multi_question import split_questions
from bot.conversation.reading import read
from bot.knowledge import load_knowledge

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 1.0
_TOKEN_FILE = Path(__file__).resolve().parent.parent / "var" / "auth_token"


def _server_url() -> str:
    return os.environ.get("RASA_URL") or f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"


def _token() -> str:
    token = os.environ.get("RASA_AUTH_TOKEN")
    if not token and _TOKEN_FILE.exists():
        token = _TOKEN_FILE.read_text().strip()
    return token or ""


def _parse(text: str) -> tuple[str | None, float, Ranking] | None:
    try:
        response = requests.post(
            f"{_server_url()}/model/parse",
            params={"token": _token()},
            json={"text": text},
            timeout=TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("could not read a part of a message with the Rasa server (%s)", type(exc).__name__)
        return None
    intent = data.get("intent") or {}
    ranking = [(r.get("name"), float(r.get("confidence") or 0.0)) for r in data.get("intent_ranking") or []]
    return intent.get("name"), float(intent.get("confidence") or 0.0), ranking


def parts_to_read(text: str) -> list[str]:
    """The parts of a message answering reads on their own: the clause that asks, when
    the message also tells the visitor's background, and the questions in it, when it
    asks several."""
    reading = read(load_knowledge(), text)
    asking = reading.asking if reading.background_stripped else text
    parts = split_questions(asking)
    if asking != text:
        parts = [asking] + [p for p in parts if p != asking]
    return parts if len(parts) > 1 or asking != text else []


async def read_parts(text: str) -> ClauseReader | None:
    """For a message asking several questions, or asking one after telling the visitor's
    background, a reader of its parts (read now, in parallel, off the event loop);
    None for a message that is one question and nothing else."""
    parts = parts_to_read(text)
    if not parts:
        return None
    readings = await asyncio.gather(*(asyncio.to_thread(_parse, part) for part in parts))
    return dict(zip(parts, readings, strict=True)).get
