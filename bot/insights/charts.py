"""The report's charts: matplotlib drawn to SVG, to be put inline in the page.

Counts from 1 to 4 must not show through a bar's length either: such a bar is
drawn hatched at the height of 5 and labelled "<5".
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("svg")  # no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from bot.insights.tables import SMALLEST_SHOWN, is_hidden  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: smaller, searchable, read by screen readers
        "svg.hashsalt": "insights",  # the same data gives the same file
        "font.family": "sans-serif",
        "font.size": 10,
    }
)
COLOURS = ("#1d70b8", "#f47738", "#00703c", "#d4351c")
LABEL_CHARS = 48


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _drawn(count: int) -> int:
    return SMALLEST_SHOWN if is_hidden(count) else count


def _label(count: int) -> str:
    return "<5" if is_hidden(count) else str(count)


def _svg(fig, title: str) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None, "Title": title})
    plt.close(fig)
    text = out.getvalue()
    # matplotlib quotes the generic family, which makes it a font name: unquote it.
    svg = text[text.index("<svg") :].replace("'sans-serif'", "system-ui, Arial, sans-serif")
    # An accessible name for the picture; the table beside it holds the numbers.
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', svg, count=1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    horizontal: bool = True,
    stacked: bool = False,
) -> str:
    """Bars for one or more series of counts; hidden counts drawn hatched at 5."""
    n = len(labels)
    if horizontal:
        fig, ax = plt.subplots(figsize=(7.5, max(1.6, 0.38 * n + 0.9)))
    else:
        fig, ax = plt.subplots(figsize=(max(6.0, 0.32 * n * len(series) + 2), 3.4))
    positions = list(range(n))
    width = 0.8 if stacked else 0.8 / max(1, len(series))
    base = [0] * n
    for k, (name, counts) in enumerate(series):
        offset = 0 if stacked else (k - (len(series) - 1) / 2) * width
        where = [p + offset for p in positions]
        drawn = [_drawn(c) for c in counts]
        draw = ax.barh if horizontal else ax.bar
        kwargs = {"left": base} if (stacked and horizontal) else ({"bottom": base} if stacked else {})
        bars = draw(where, drawn, width, label=name, color=COLOURS[k % len(COLOURS)], **kwargs)
        for bar, count in zip(bars, counts, strict=True):
            if is_hidden(count):
                bar.set_hatch("///")
                bar.set_alpha(0.55)
        for p, start, length, count in zip(where, base, drawn, counts, strict=True):
            if not count:
                continue
            if stacked:  # the number inside its own segment, never a total
                x, y = (start + length / 2, p) if horizontal else (p, start + length / 2)
                ax.text(
                    x,
                    y,
                    _label(count),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if not is_hidden(count) else "black",
                )
            elif horizontal:
                ax.text(length, p, f" {_label(count)}", va="center", fontsize=9)
            else:
                ax.text(p, length, _label(count), ha="center", va="bottom", fontsize=8)
        if stacked:
            base = [b + d for b, d in zip(base, drawn, strict=True)]
    short = [_short(label) for label in labels]
    if horizontal:
        ax.set_yticks(positions)
        ax.set_yticklabels(short)
        ax.invert_yaxis()
        ax.set_xlabel("count")
    else:
        ax.set_xticks(positions)
        ax.set_xticklabels(short, rotation=45 if n > 6 else 0, ha="right" if n > 6 else "center")
        ax.set_ylabel("count")
    ax.set_title(title, loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(series) > 1 and n:
        ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if n == 0:
        ax.text(0.5, 0.5, "nothing yet", transform=ax.transAxes, ha="center", va="center")
        ax.set_xticks([])
        ax.set_yticks([])
    return _svg(fig, title)


def top(labels_counts: list[tuple[str, int]], limit: int = 12) -> tuple[list[str], list[int]]:
    items = labels_counts[:limit]
    return [label for label, _ in items], [count for _, count in items]
