"""The report as one self-contained HTML page (inline CSS and SVG: no script, no
CDN, nothing fetched), and the same tables as CSV files."""

from __future__ import annotations

import csv
import html
from datetime import datetime, timezone
from pathlib import Path

from bot.helpline import card
from bot.insights import charts
from bot.insights.tables import FEWER_THAN_5, Insights, Table, shown, topic_title

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#0b0c0c;
background:#f3f2f1;line-height:1.45}
header{background:#0b0c0c;color:#fff;padding:1.2rem 2rem}header h1{margin:0;font-size:1.6rem}
header p{margin:.3rem 0 0;color:#ddd}
main{max-width:70rem;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;margin:1.2rem 0;padding:1rem 1.5rem;border-top:4px solid #1d70b8}
h2{margin:.2rem 0 .6rem;font-size:1.3rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
th{background:#f3f2f1}td.num{white-space:nowrap}
figure{margin:.5rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}
.note{color:#505a5f;font-size:.9rem}.summary{display:flex;gap:1rem;flex-wrap:wrap}
.summary div{background:#f3f2f1;padding:.6rem 1rem;min-width:10rem}
.summary strong{display:block;font-size:1.4rem}
nav ul{padding-left:1.2rem;columns:2}th,td{overflow-wrap:anywhere}
@media (max-width:40rem){header,main{padding-left:.5rem;padding-right:.5rem}
section{padding:.6rem .7rem}th,td{padding:.3rem .25rem}table{font-size:.8rem}nav ul{columns:1}}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def table_html(table: Table) -> str:
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in table.columns)
    if not table.rows:
        body = f'<tr><td colspan="{len(table.columns)}">None in this period.</td></tr>'
    else:
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="num">{_e(v)}</td>'
                if isinstance(v, int) or v == FEWER_THAN_5
                else f"<td>{_e(v)}</td>"
                for v in row
            )
            + "</tr>"
            for row in table.rows
        )
    note = f'<p class="note">{_e(table.note)}</p>' if table.note else ""
    return (
        f'<h3 id="table-{_e(table.name)}">{_e(table.title)}</h3>{note}'
        f'<table data-table="{_e(table.name)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _figure(name: str, svg: str, caption: str) -> str:
    return (
        f'<figure id="chart-{_e(name)}" class="chart">{svg}'
        f'<figcaption class="note">{_e(caption)}</figcaption></figure>'
    )


def build_charts(ins: Insights, tables: dict[str, Table], kb) -> dict[str, str]:
    """name -> <figure> with the SVG chart. Counts come from `ins` (raw), labels from the
    tables; the chart hides small counts itself."""
    days = sorted(set(ins.started_per_day) | set(ins.messages_per_day))
    figures = {}
    figures["per_day"] = _figure(
        "per_day",
        charts.bar_chart(
            "Conversations and visitor messages per day",
            [d.isoformat() for d in days],
            [
                ("conversations started", [ins.started_per_day[d] for d in days]),
                ("visitor messages", [ins.messages_per_day[d] for d in days]),
            ],
            horizontal=False,
        ),
        "Bars of fewer than 5 are hatched and drawn at 5.",
    )
    channels = ins.channels.most_common()
    figures["channels"] = _figure(
        "channels",
        charts.bar_chart(
            "Conversations by channel",
            [c for c, _ in channels],
            [("conversations", [n for _, n in channels])],
        ),
        "web: the chat on the recruitment page; shell: rasa shell.",
    )
    labels, counts = charts.top([(topic_title(kb, t), n) for t, n in ins.topics.most_common()])
    figures["topics"] = _figure(
        "topics",
        charts.bar_chart("Top topics (times answered)", labels, [("answers", counts)]),
        "The 12 most asked.",
    )
    rated = sorted(
        set(ins.helpful) | set(ins.not_helpful), key=lambda t: -(ins.helpful[t] + ins.not_helpful[t])
    )[:12]
    figures["feedback"] = _figure(
        "feedback",
        charts.bar_chart(
            "Helpful / not helpful by topic",
            [topic_title(kb, t) for t in rated],
            [
                ("helpful", [ins.helpful[t] for t in rated]),
                ("not helpful", [ins.not_helpful[t] for t in rated]),
            ],
            stacked=True,
        ),
        "Feedback clicks under FAQ answers.",
    )
    missed = tables["unanswered"]
    figures["unanswered"] = _figure(
        "unanswered",
        charts.bar_chart(
            "Questions the bot could not answer (most asked)",
            [r[0] for r in missed.rows[:12]],
            [("times asked", missed.counts[:12])],
        ),
        "Rephrasings of one question count together.",
    )
    figures["eligibility"] = _figure(
        "eligibility",
        charts.bar_chart(
            "The eligibility check",
            ["started", "finished", "not finished"],
            [
                (
                    "conversations",
                    [ins.checks_started, ins.checks_finished, ins.checks_started - ins.checks_finished],
                )
            ],
        ),
        "",
    )
    outcomes = ins.outcomes.most_common()
    figures["eligibility_outcomes"] = _figure(
        "eligibility_outcomes",
        charts.bar_chart(
            "Eligibility outcomes", [o for o, _ in outcomes], [("checks", [n for _, n in outcomes])]
        ),
        "",
    )
    figures["eligibility_stopped"] = _figure(
        "eligibility_stopped",
        charts.bar_chart(
            "Where unfinished checks stopped",
            [card.still_to_ask(q) for q, _ in ins.stopped_at.most_common()],
            [("unfinished checks", [n for _, n in ins.stopped_at.most_common()])],
        ),
        "",
    )
    handoffs = ins.handoffs.most_common()
    figures["handoffs"] = _figure(
        "handoffs",
        charts.bar_chart(
            "Hand-offs to the helpline, by reason",
            [r for r, _ in handoffs],
            [("hand-offs", [n for _, n in handoffs])],
        ),
        "",
    )
    return figures


SECTIONS = [
    ("activity", "Conversations and messages", ["per_day"], ["per_day"]),
    ("channels", "Channel", ["channels"], ["channels"]),
    (
        "topics",
        "Topics, and whether the answers helped",
        ["topics", "feedback"],
        ["topics", "feedback", "feedback_comments"],
    ),
    ("unanswered", "Questions the bot could not answer", ["unanswered"], ["unanswered"]),
    (
        "eligibility",
        "The eligibility check",
        ["eligibility", "eligibility_outcomes", "eligibility_stopped"],
        ["eligibility", "eligibility_outcomes", "eligibility_stopped"],
    ),
    ("handoffs", "Hand-offs to the helpline", ["handoffs"], ["handoffs"]),
]


def page(
    ins: Insights,
    tables: list[Table],
    kb,
    since: str | None,
    until: str | None,
    store: str,
    now: datetime | None = None,
) -> str:
    by_name = {t.name: t for t in tables}
    figures = build_charts(ins, by_name, kb)
    now = now or datetime.now(timezone.utc)
    period = f"{ins.first_day} to {ins.last_day}" if ins.first_day else "no conversations"
    asked = f" (asked for: {since or 'the start'} to {until or 'now'})" if (since or until) else ""
    summary = "".join(
        f"<div><strong>{_e(v)}</strong>{_e(k)}</div>"
        for k, v in [
            ("conversations", shown(ins.conversations)),
            ("visitor messages", shown(ins.messages)),
            ("eligibility checks started", shown(ins.checks_started)),
            ("conversations handed to the helpline", shown(ins.conversations_with_handoff)),
        ]
    )
    nav = "".join(f'<li><a href="#{sid}">{_e(title)}</a></li>' for sid, title, _, _ in SECTIONS)
    body = []
    for sid, title, chart_names, table_names in SECTIONS:
        parts = [f'<section id="{sid}" aria-labelledby="{sid}-h"><h2 id="{sid}-h">{_e(title)}</h2>']
        for name in chart_names:
            parts.append(figures[name])
        for name in table_names:
            parts.append(table_html(by_name[name]))
        parts.append("</section>")
        body.append("".join(parts))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Probation Careers Advisor: what visitors asked</title>
<style>{CSS}</style></head>
<body><header><h1>What visitors asked, and what the bot missed</h1>
<p>Conversations from {_e(period)}{_e(asked)}. Made {_e(now.strftime("%d %b %Y %H:%M UTC"))}
from {_e(store)}.</p></header>
<main>
<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<div class="summary">{summary}</div>
<p class="note">No sender ids are shown. Counts from 1 to 4 are shown as "fewer than 5" (and
hatched in charts) so that nobody is singled out; questions that mention convictions are
counted but never shown; e-mail addresses and long numbers typed by visitors are blanked.</p>
<nav aria-label="Sections"><ul>{nav}</ul></nav></section>
{"".join(body)}
</main></body></html>
"""


def write_csv(tables: list[Table], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = directory / f"{table.name}.csv"
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        written.append(path)
    return written
