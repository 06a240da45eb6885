"""Bar charts as static SVG, drawn at build time with Matplotlib: no script,
nothing to load, the same bytes for the same figures.

One shape for every chart of the regional picture: a row per item, its
label on a line of its own above a horizontal bar, the value at the bar's
end. It stays legible when a phone shrinks it to 330 px, and a long label
(a WIL type in French) never has to share a line with the bar.

Labels and values are text in the SVG (font type `none`), written by
Matplotlib's XML writer, which escapes them; math text is off, so a `$` in
an institution's name is only a dollar sign. The page shows each chart as
an <img> (a script in an image never runs) with a text alternative, beside
a table with the same numbers.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence

import matplotlib
from markupsafe import escape
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# Colours checked against the white background: bar 8.6:1 (non-text needs
# 3:1), text 16:1. The background is painted, so a dark theme changes nothing.
BAR = "#3949ab"  # Material's indigo 600, the theme's primary family
TEXT = "#1f1f1f"
BACKGROUND = "#ffffff"

WIDTH = 360  # points; the page scales the chart to its column
FONT = 14  # points, about 13 px once a phone scales the chart down
LINE = 18  # points per line of a label
LABEL_CHARS = 40  # characters per line of a label (DejaVu Sans is about 0.6 em wide a character)
BAR_HEIGHT = 14
GAP = 12  # points between a bar and the next label
MARGIN = 8
VALUE_ROOM = 72  # points kept right of the longest bar for its value

_RC = {
    "svg.fonttype": "none",  # text as text: smaller, escaped, read by tests
    "svg.hashsalt": "wil-directory",  # ids the same from one build to the next
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with Matplotlib: the same metrics everywhere
    "text.usetex": False,
    "text.parse_math": False,
}


def _lines(label: str) -> list[str]:
    """A label broken between words to fit the chart's width (a long French
    WIL type takes two lines rather than running off the edge)."""
    return textwrap.wrap(label, LABEL_CHARS, break_on_hyphens=False) or [""]


def _layout(labels: Sequence[str]) -> tuple[list[tuple[list[str], int]], int]:
    """Each row's label lines and top, and the chart's height, in points."""
    rows: list[tuple[list[str], int]] = []
    top = MARGIN
    for label in labels:
        lines = _lines(label)
        rows.append((lines, top))
        top += LINE * len(lines) + BAR_HEIGHT + GAP
    return rows, (top + MARGIN - GAP // 2) if labels else MARGIN * 2 + LINE


def chart_height(labels: Sequence[str]) -> int:
    """A chart's height in points (its width is WIDTH), for the page's <img>."""
    return _layout(labels)[1]


def bar_chart(rows: Sequence[tuple[str, str, float]], title: str, full: float | None = None) -> str:
    """An SVG of horizontal bars: rows of (label, value as shown, length).

    `title` (the text alternative) becomes the SVG's <title>, for anyone
    who opens the file alone; the page gives the same words as the image's
    alt text. Lengths are scaled to `full` (a share's 1), else to the
    longest; a bar of length zero still shows its label and value."""
    placed, height = _layout([label for label, _, _ in rows])
    longest = full or max((length for _, _, length in rows), default=0) or 1
    span = WIDTH - 2 * MARGIN - VALUE_ROOM
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(WIDTH / 72, height / 72), dpi=72, facecolor=BACKGROUND)
        FigureCanvasSVG(figure)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        axes.set_xlim(0, WIDTH)
        axes.set_ylim(height, 0)  # from the top down, in points
        for (_, shown, length), (lines, top) in zip(rows, placed, strict=True):
            axes.text(
                MARGIN, top, "\n".join(lines), color=TEXT, fontsize=FONT, va="top", ha="left",
                linespacing=LINE / FONT / 1.2, parse_math=False,
            )  # fmt: skip
            bar = span * length / longest
            bar_top = top + LINE * len(lines) + 2
            axes.add_patch(Rectangle((MARGIN, bar_top), bar, BAR_HEIGHT, facecolor=BAR, edgecolor="none"))
            axes.text(
                MARGIN + bar + 6, bar_top + BAR_HEIGHT / 2, shown, color=TEXT, fontsize=FONT,
                va="center", ha="left", fontweight="bold", parse_math=False,
            )  # fmt: skip
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, facecolor=BACKGROUND)
    return _titled(out.getvalue(), title)


_OPEN_SVG = re.compile(r"<svg\b[^>]*>")


def _titled(svg: str, title: str) -> str:
    """The SVG with its text alternative as <title> (its accessible name)."""
    match = _OPEN_SVG.search(svg)
    if match is None:  # pragma: no cover - Matplotlib always writes one
        raise ValueError("no <svg> element in Matplotlib's output")
    head = match.group(0).replace("<svg ", '<svg role="img" ', 1)
    return svg[: match.start()] + head + f"\n <title>{escape(title)}</title>" + svg[match.end() :]
