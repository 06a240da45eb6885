"""The regional picture in one language: each chart's rows, table and
words, from picture.py's figures. Numbers are written as the language
writes them (Babel: `1 200`, `12,5 %`); labels come from the vocabularies
and the institutions' names, so a French page has French labels."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal, parse_pattern

from generator import vocab
from generator.i18n import t, template
from generator.models import Institution
from generator.render.charts import bar_chart, chart_height
from generator.render.picture import Count, Picture

PAGE = "regional-picture.md"
FOLDER = "regional-picture"  # the charts' SVG files, beside the page's own index.html


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[str, ...]  # the table's cells after the label (the first is the chart's value)
    length: float  # the bar's length


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart and its table: the same rows, so they cannot disagree."""

    id: str  # its file, `<id>.svg`, and its heading's anchor
    title: str
    columns: tuple[str, ...]  # the table's column headings, the label's first
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    full: float | None = None  # a bar's full length (shares: 1), else the longest

    @property
    def file(self) -> str:
        return f"{self.id}.svg"

    @property
    def height(self) -> int:
        return chart_height([r.label for r in self.rows])

    def alt(self, lang: str) -> str:
        return t("ui.picture_chart_alt", lang, title=self.title)

    def svg(self, lang: str) -> str:
        return bar_chart([(r.label, r.cells[0], r.length) for r in self.rows], self.alt(lang), self.full)


def _locale(lang: str) -> Locale:
    return Locale.parse(t("language.locale", lang))


def count(value: int, lang: str) -> str:
    """A count as the language writes it: `1,200`, `1 200`."""
    return str(format_decimal(value, locale=_locale(lang)))


def percent(share: float | None, lang: str) -> str:
    """A share as the language writes a percentage, to one decimal at most:
    `12.5%`, `12,5 %`; a dash when nothing answers the question."""
    if share is None:
        return "—"
    locale = _locale(lang)
    pattern = copy.copy(parse_pattern(locale.percent_formats[None]))
    pattern.frac_prec = (0, 1)
    return str(pattern.apply(share, locale))


def month(first: str, lang: str) -> str:
    """`2026-11` as the language names the month: `November 2026`, `novembre 2026`."""
    return str(format_skeleton("yMMMM", dt.date.fromisoformat(first + "-01"), locale=_locale(lang)))


def counted(key: str, n: int, lang: str) -> str:
    """A plural message whose `{count}` is written as the language writes numbers."""
    return template(key, lang, n).format(count=count(n, lang))


def _rows(items: Sequence[Count], name: Callable[[str], str], lang: str, *, ordered: bool = True) -> tuple[Row, ...]:
    """Rows of counts, the largest first (ties in their given order) unless the order means something."""
    shown = sorted(items, key=lambda c: -c.count) if ordered else list(items)
    return tuple(Row(name(c.id), (count(c.count, lang),), c.count) for c in shown)


def charts(figures: Picture, institutions: dict[str, Institution], lang: str) -> list[Chart]:
    """Every chart of the page, in the page's order."""

    def words(key: str, **values: Any) -> str:
        return t(f"ui.{key}", lang, **values)

    def label(vocabulary: str) -> Callable[[str], str]:
        return lambda i: vocab.lookup(vocabulary)[i].label(lang)

    def institution(i: str) -> str:
        return institutions[i].shown_name if i in institutions else i

    shares = {s.id: s for s in figures.shares}
    share_rows = tuple(
        Row(
            words(f"picture_share_{s.id}"),
            (percent(s.share, lang), count(s.count, lang), count(s.out_of, lang)),
            s.share or 0,
        )
        for s in figures.shares
    )
    listing_column = words("picture_col_open")
    return [
        Chart(
            "types", words("picture_by_type"), (words("picture_col_type"), listing_column),
            _rows(figures.by_type, label("wil_types"), lang),
        ),
        Chart(
            "sectors", words("picture_by_sector"), (words("sector"), listing_column),
            _rows(figures.by_sector, label("sectors"), lang), (words("picture_sector_note"),),
        ),
        Chart(
            "institutions", words("picture_by_institution"), (words("institution"), listing_column),
            _rows(figures.by_institution, institution, lang), (words("picture_institution_note"),),
        ),
        Chart(
            "shares", words("picture_shares"),
            (words("picture_col_measure"), words("picture_col_share"), words("picture_col_yes"),
             words("picture_col_out_of")),
            share_rows,
            (
                words("picture_shares_note"),
                counted("ui.picture_size_stated", shares["small_host"].out_of, lang),
                counted("ui.picture_size_unstated", shares["small_host"].not_stated, lang),
                counted("ui.picture_first_unstated", shares["first_time_host"].not_stated, lang),
            ),
            full=1,
        ),
        Chart(
            "deadlines", words("picture_deadlines"), (words("picture_col_month"), listing_column),
            _rows(figures.deadlines, lambda m: month(m, lang), lang, ordered=False),
            (
                words("picture_deadlines_note"),
                counted("ui.picture_later", figures.deadlines_later, lang),
                counted("ui.picture_no_deadline", figures.no_deadline, lang),
            ),
        ),
    ]  # fmt: skip
