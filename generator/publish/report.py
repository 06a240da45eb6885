"""The build report: what each institution contributed and what happened to
it (valid, invalid and why, merged, flagged for review, expired, stale), and
the listings shown to readers as one row (one opportunity several
institutions list, each keeping its page), with the decisions behind them.

One typed object feeds the terminal summary, the coordinators' page (in
each language) and report.json (for tools, with every problem's code and
parameters and its words in every language).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator import escape
from generator.i18n import msg, t
from generator.layout import LANGUAGES
from generator.merge.dedupe import Result
from generator.merge.evidence import Evidence
from generator.merge.listing import Listing, Partition
from generator.models import Opportunity
from generator.problems import Problem
from generator.render.picture import picture as regional_picture
from generator.validate.region import Region, SourceFile

COLUMNS = ("files", "valid", "invalid", "merged", "flagged", "expired", "stale", "listed")


@dataclass(frozen=True, slots=True)
class InvalidFile:
    path: str
    problems: list[Problem]  # its errors, to be phrased in the reader's language


@dataclass(slots=True)
class InstitutionCounts:
    files: int = 0
    valid: int = 0
    invalid: int = 0
    merged: int = 0
    flagged: int = 0
    expired: int = 0
    stale: int = 0
    listed: int = 0
    institution_file_valid: bool = True
    invalid_files: list[InvalidFile] = field(default_factory=list)

    def count(self, column: str) -> int:
        value: int = getattr(self, column)
        return value


@dataclass(frozen=True, slots=True)
class Side:
    """One listing of a pair, as the coordinator compares it."""

    id: str
    path: str
    record: Opportunity


@dataclass(frozen=True, slots=True)
class ReviewPair:
    """Two listings that may be one opportunity, side by side, with the
    evidence and the line that records a person's decision in the data."""

    a: Side
    b: Side
    reason: str  # a `dedupe.<reason>` message
    evidence: tuple[Evidence, ...] = ()

    def why(self, lang: str) -> str:
        return t(f"dedupe.{self.reason}", lang)

    def same_line(self) -> str:
        return f"same_as: {self.b.id}"

    def distinct_line(self) -> str:
        return f"distinct_from: [{self.b.id}]"


@dataclass(frozen=True, slots=True)
class MergeReason:
    a: str
    b: str
    reason: str
    evidence: tuple[Evidence, ...] = ()

    def why(self, lang: str) -> str:
        return t(f"dedupe.{self.reason}", lang)


@dataclass(frozen=True, slots=True)
class MergedGroup:
    listing: str
    ids: list[str]
    institutions: list[str]
    sources: list[str]
    reasons: list[MergeReason] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupedRow:
    """Listings shown to readers as one row (`Partition.rows`): the linkage found
    them to be one opportunity; each keeps its page. `links` are the pair
    decisions that joined them, each with its evidence."""

    ids: list[str]  # the row's listings, its lead first
    institutions: list[list[str]]  # each listing's institutions, in the same order
    links: list[MergeReason] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.ids[0]


@dataclass(frozen=True, slots=True)
class StaleFile:
    path: str
    id: str
    last_verified: str


@dataclass(frozen=True, slots=True)
class Totals:
    files: int
    valid: int
    invalid: int
    listings: int
    listed: int
    rows: int  # open opportunities as readers see them (the listed listings, one row per opportunity)
    expired: int
    hidden_no_institution: int
    merged_groups: int
    probable_duplicates: int
    errors: int
    warnings: int
    notices: int


@dataclass(frozen=True, slots=True)
class BuildReport:
    today: dt.date
    totals: Totals
    institutions: dict[str, InstitutionCounts]
    merged: list[MergedGroup]
    review: list[ReviewPair]
    rows: list[GroupedRow]
    expired: list[str]
    stale: list[StaleFile]
    # The regional picture (render/picture.py): the open listings' figures, as its page shows them.
    picture: dict[str, Any] = field(default_factory=dict)

    @property
    def invalid_files(self) -> list[InvalidFile]:
        return [item for counts in self.institutions.values() for item in counts.invalid_files]

    def to_json(self) -> str:
        return json.dumps(_plain(self), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    """The report as JSON data: problems with code, parameters and words in every language."""
    if isinstance(value, Problem):
        data = value.as_dict(LANGUAGES[0])
        words = {lang: value.text(lang) for lang in LANGUAGES}
        data["message"] = {lang: message for lang, (message, _) in words.items()}
        data["hint"] = {lang: hint for lang, (_, hint) in words.items()}
        data.pop("path", None)
        return data
    if isinstance(value, (ReviewPair, MergeReason)):
        return _pair(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Side):
        return {"id": value.id, "path": value.path}
    if isinstance(value, GroupedRow):
        return {
            "lead": value.lead,
            "ids": value.ids,
            "institutions": value.institutions,
            "links": [_pair(link) for link in value.links],
        }
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _pair(pair: ReviewPair | MergeReason) -> dict[str, Any]:
    """A decision about two listings: why, what each field said, and (for a
    review) the files and the line that records a person's decision."""
    a, b = (pair.a.id, pair.b.id) if isinstance(pair, ReviewPair) else (pair.a, pair.b)
    data: dict[str, Any] = {
        "a": a,
        "b": b,
        "reason": pair.reason,
        "why": {lang: pair.why(lang) for lang in LANGUAGES},
        "evidence": [
            {**e.as_dict(), "text": {lang: e.message().render(lang) for lang in LANGUAGES}} for e in pair.evidence
        ],
    }
    if isinstance(pair, ReviewPair):
        data["files"] = {"a": pair.a.path, "b": pair.b.path}
        data["decide"] = {
            "same": {"file": pair.a.path, "add": pair.same_line()},
            "different": {"file": pair.a.path, "add": pair.distinct_line()},
        }
    return data


# Rows of the per-institution table that are no institution's (the coordination page names them).
REGION_OWNER = "(region)"  # region.yaml and proposals/: shown only when one of them is invalid
MISPLACED_OWNER = "(misplaced)"


def _owner(f: SourceFile) -> str:
    if f.kind == "opportunity":
        return f.folder
    if f.kind == "institution":
        return f.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if f.kind in ("region", "proposal"):
        return REGION_OWNER
    return MISPLACED_OWNER


def build_report(
    region: Region, listings: list[Listing], split: Partition, dedupe: Result, today: dt.date
) -> BuildReport:
    """Everything the coordinator needs (sorted, so it is deterministic)."""
    per: dict[str, InstitutionCounts] = defaultdict(InstitutionCounts)
    stale_files: list[StaleFile] = []
    for f in region.files:
        if f.kind in ("region", "proposal") and f.valid:
            continue  # no institution's; the region's own files matter here only when broken
        c = per[_owner(f)]
        errors = [p for p in f.problems if p.is_error]
        if f.kind == "institution":
            c.institution_file_valid = c.institution_file_valid and f.valid
            if not f.valid:
                c.invalid_files.append(InvalidFile(f.path, errors))
            continue
        c.files += 1
        if f.valid:
            c.valid += 1
            if any(p.code == "stale" for p in f.problems):
                c.stale += 1
                record = f.record
                stale_files.append(StaleFile(f.path, getattr(record, "id", ""), getattr(record, "last_verified", "")))
        else:
            c.invalid += 1
            c.invalid_files.append(InvalidFile(f.path, errors))
    folder_of = {f.record.id: f.folder for f in region.opportunities if f.record is not None}
    source_of = {f.record.id: f for f in region.opportunities if isinstance(f.record, Opportunity)}

    def side(key: str) -> Side:
        source = source_of[key]
        return Side(key, source.path, source.record)  # type: ignore[arg-type]

    reasons: dict[str, list[MergeReason]] = defaultdict(list)
    for decision in dedupe.merges:
        reasons[decision.a].append(MergeReason(decision.a, decision.b, decision.reason, decision.evidence))
    for listing in listings:
        if len(listing.sources) > 1:
            for s in listing.sources:
                per[folder_of[s.record.id]].merged += 1  # type: ignore[union-attr]
    for listing in split.expired:
        for s in listing.sources:
            per[folder_of[s.record.id]].expired += 1  # type: ignore[union-attr]
    flagged: Counter[str] = Counter()
    for decision in dedupe.review:
        flagged[folder_of.get(decision.a, "")] += 1
        flagged[folder_of.get(decision.b, "")] += 1
    for owner, n in flagged.items():
        if owner:
            per[owner].flagged += n
    for listing in split.listed:
        for offer in listing.offers:
            per[offer.institution.id].listed += 1
    problems = region.problems
    return BuildReport(
        today=today,
        totals=Totals(
            files=sum(1 for f in region.files if f.kind != "institution"),
            valid=len(region.opportunities),
            invalid=sum(1 for f in region.files if f.kind != "institution" and not f.valid),
            listings=len(listings),
            listed=len(split.listed),
            rows=len(split.rows),
            expired=len(split.expired),
            hidden_no_institution=len(split.hidden),
            merged_groups=sum(1 for listing in listings if len(listing.sources) > 1),
            probable_duplicates=len(dedupe.probable),
            errors=sum(p.is_error for p in problems),
            warnings=sum(p.is_warning for p in problems),
            notices=sum(not (p.is_error or p.is_warning) for p in problems),
        ),
        institutions={owner: per[owner] for owner in sorted(per)},
        merged=[
            MergedGroup(
                listing=listing.id,
                ids=sorted(s.record.id for s in listing.sources if s.record is not None),
                institutions=[o.institution.id for o in listing.offers],
                sources=[s.path for s in listing.sources],
                reasons=[r for s in listing.sources for r in reasons.get(s.record.id, [])],  # type: ignore[union-attr]
            )
            for listing in listings
            if len(listing.sources) > 1
        ],
        review=[ReviewPair(side(d.a), side(d.b), d.reason, d.evidence) for d in dedupe.review],
        rows=grouped_rows(split, dedupe),
        expired=sorted(listing.id for listing in split.expired),
        stale=stale_files,
        picture=_picture(split, region, today),
    )


def grouped_rows(split: Partition, dedupe: Result) -> list[GroupedRow]:
    """Every row of more than one listing, with the decisions that joined its
    linkage group (each decision is between two of the group's files; a
    member that merged other files answers for them too)."""
    group_of = {key: n for n, keys in enumerate(dedupe.rows) for key in keys}
    out = []
    for members in split.rows:
        if len(members) < 2:
            continue
        ids = {key for m in members for key in (m.id, *m.merged_ids)}
        groups = {group_of[key] for key in ids if key in group_of}
        links = [
            MergeReason(d.a, d.b, d.reason, d.evidence)
            for d in dedupe.row_links
            if group_of.get(d.a) in groups and group_of.get(d.b) in groups
        ]
        institutions = [[o.institution.id for o in m.offers] for m in members]
        out.append(GroupedRow([m.id for m in members], institutions, links))
    return sorted(out, key=lambda row: row.lead)


def _picture(split: Partition, region: Region, today: dt.date) -> dict[str, Any]:
    """The regional picture's figures, from the listings the site shows (its page draws the same)."""
    return regional_picture(split.listed, region.institutions, today).as_dict()


def summary(report: BuildReport, timings: dict[str, float], lang: str) -> str:
    """The terminal summary: a line per institution, then totals, what was left out, and timings."""
    rows = [(t("ui.institution", lang), *(t(f"ui.col_{k}", lang) for k in COLUMNS))]
    for owner, c in report.institutions.items():
        rows.append((owner, *(str(c.count(k)) for k in COLUMNS)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)) for r in rows
    ]
    totals = report.totals
    lines.append("")
    lines.append(
        t(
            "report.totals",
            lang,
            rows=totals.rows,
            listed=totals.listed,
            valid=totals.valid,
            invalid=totals.invalid,
            merged=totals.merged_groups,
            review=totals.probable_duplicates,
            expired=totals.expired,
        )
    )
    for item in report.invalid_files:
        for p in item.problems:
            message, _ = p.text(lang)
            lines.append(
                t("report.left-out", lang, path=item.path, line=p.line, column=p.column, message=message, code=p.code)
            )
    for pair in report.review:
        lines.append(t("report.review", lang, a=pair.a.id, b=pair.b.id, why=msg(f"dedupe.{pair.reason}")))
    if timings:
        stages = [
            t("report.stage-time", lang, stage=msg(f"stage.{stage}"), seconds=round(seconds, 2))
            for stage, seconds in timings.items()
        ]
        lines.append(t("report.times", lang, stages=", ".join(stages)))
    # Each line as one line: a key, path or message from a data file with line
    # breaks in it cannot start a line of its own (a forged CI log command).
    return "\n".join(escape.terminal(line) for line in lines) + "\n"
