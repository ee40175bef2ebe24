"""Build the recruitment web page from knowledge/, so the page never states a
fact of its own.

bot/web/index.template.html names facts by id; this fills each placeholder
with the fact's text from knowledge/facts.yml (HTML-escaped) and the page it
came from, and writes index.html, chat.js and chat.css to the output folder:

    python -m bot.build.web_page .build/web [--bot-url http://127.0.0.1:5005]

Placeholders:
    {{fact:ID}}   the fact's text, then "Source: <source title>"
    {{bot_url}}   where the chat widget sends messages (the Rasa REST channel)

An unknown fact id or a placeholder left unfilled stops the build with the
template line named.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bot.knowledge import Knowledge, KnowledgeError, load_knowledge

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
TEMPLATE = WEB_DIR / "index.template.html"
ASSETS = ("chat.js", "chat.css")

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([A-Za-z0-9_]+))?\s*\}\}")
# UK phone numbers as the sources write them: 0808 164 9883, 02392 843 984.
PHONE = re.compile(r"(?<![\d\w])0\d{2,4}(?: \d{3,4}){1,2}(?![\d\w])")


class PageError(ValueError):
    """The template asks for something the knowledge base does not have."""


def default_bot_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"


def _check_bot_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PageError(f"bot URL must be an http(s) URL, not {url!r}")
    return url.rstrip("/")


def _link_phones(escaped: str) -> str:
    """Phone numbers in already-escaped text become tel: links (digits only)."""

    def link(match: re.Match) -> str:
        number = match.group(0)
        return f'<a href="tel:{number.replace(" ", "")}">{number}</a>'

    return PHONE.sub(link, escaped)


def render_fact(kb: Knowledge, fact_id: str) -> str:
    fact = kb.fact(fact_id)
    source = kb.sources[fact.source]
    text = _link_phones(html.escape(fact.text))
    return (
        f'<span class="fact" data-fact="{html.escape(fact_id)}">{text}</span> '
        f'<span class="source">Source: {html.escape(source.title)}</span>'
    )


def render(template: str, kb: Knowledge, bot_url: str) -> str:
    bot_url = _check_bot_url(bot_url)

    def fill(match: re.Match) -> str:
        kind, arg = match.group(1), match.group(2)
        line = template.count("\n", 0, match.start()) + 1
        if kind == "fact" and arg:
            try:
                return render_fact(kb, arg)
            except KnowledgeError as exc:
                raise PageError(f"{TEMPLATE.name} line {line}: {exc}") from None
        if kind == "bot_url" and not arg:
            return html.escape(bot_url, quote=True)
        raise PageError(f"{TEMPLATE.name} line {line}: unknown placeholder {match.group(0)!r}")

    page = PLACEHOLDER.sub(fill, template)
    if "{{" in page:
        line = page.count("\n", 0, page.index("{{")) + 1
        raise PageError(f"{TEMPLATE.name} line {line}: placeholder left unfilled")
    return page


def build(out_dir: Path, bot_url: str | None = None, kb: Knowledge | None = None) -> Path:
    kb = kb or load_knowledge()
    page = render(TEMPLATE.read_text(encoding="utf-8"), kb, bot_url or default_bot_url())
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "index.html").write_text(page, encoding="utf-8")
    for name in ASSETS:
        shutil.copyfile(WEB_DIR / name, out_dir / name)
    return out_dir / "index.html"


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=".build/web", type=Path)
    parser.add_argument(
        "--bot-url",
        default=None,
        help="Rasa server for the chat widget (default http://127.0.0.1:$RASA_PORT, 5005)",
    )
    args = parser.parse_args(argv)
    try:
        path = build(args.out_dir, args.bot_url)
    except (PageError, KnowledgeError) as exc:
        print(f"web page: {exc}", file=sys.stderr)
        return 1
    print(f"web page written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
