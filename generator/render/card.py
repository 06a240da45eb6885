"""The picture a link to the directory shows when it is shared (Open Graph
`og:image`): one card per language, 1200×630 PNG, drawn at build time with
Matplotlib from the region's own words, so a shared link looks like the
region's directory without anyone designing an image. The same words give
the same bytes (no date or software name in the file's metadata)."""

from __future__ import annotations

import io
import textwrap
from functools import cache

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from generator.render.charts import BAR

WIDTH, HEIGHT = 1200, 630  # pixels: the size Open Graph readers expect
PATH = "assets/images/card.png"  # in each language's folder
_DPI = 100
_RC_TEXT = {"family": "DejaVu Sans", "color": "#ffffff"}  # ships with Matplotlib: same metrics everywhere


@cache
def png(title: str, subtitle: str, footer: str) -> bytes:
    """The card: the directory's name large, what it is below, who runs it at the foot."""
    figure = Figure(figsize=(WIDTH / _DPI, HEIGHT / _DPI), dpi=_DPI, facecolor=BAR)
    FigureCanvasAgg(figure)
    figure.text(
        0.07, 0.86, "\n".join(textwrap.wrap(title, 30)[:3]), fontsize=46, fontweight="bold", va="top", **_RC_TEXT
    )
    figure.text(0.07, 0.50, "\n".join(textwrap.wrap(subtitle, 52)[:3]), fontsize=24, va="top", **_RC_TEXT)
    figure.text(0.07, 0.08, footer, fontsize=18, va="bottom", alpha=0.85, **_RC_TEXT)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=_DPI, facecolor=BAR, metadata={"Software": None})
    return out.getvalue()
