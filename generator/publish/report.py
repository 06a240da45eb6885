"""The build report: what each institution contributed and what happened to
it (valid, invalid and why, merged, flagged for review, expired, stale).

The same facts are printed for people and written as report.json in the
site, for the regional coordinator and for tools.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from typing import Any

from generator.merge.dedupe import Result
from generator.merge.listing import Listing
from generator.validate.region import Region, SourceFile


def _owner(f: SourceFile) -> str:
    if f.kind == "opportunity":
        return f.folder
    if f.kind == "institution":
        return f.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return "(misplaced)"


def build_report(
    region: Region,
    listings: list[Listing],
    listed: list[Listing],
    expired: list[Listing],
    dedupe: Result,
    hidden: list[Listing],
    today: dt.date,
) -> dict[str, Any]:
    """Everything the coordinator needs, as plain data (sorted, so it is deterministic)."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    invalid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stale_files: list[dict[str, str]] = []
    stale_codes = {"stale"}
    for f in region.files:
        owner = _owner(f)
        c = per[owner]
        if f.kind == "institution":
            c["institution_file_valid" if f.valid else "institution_file_invalid"] += 1
            if not f.valid:
                invalid[owner].append({"path": f.path, "problems": [_problem(p) for p in f.problems if p.is_error]})
            continue
        c["files"] += 1
        if f.valid:
            c["valid"] += 1
            if any(p.code in stale_codes for p in f.problems):
                c["stale"] += 1
                record = f.record
                stale_files.append(
                    {
                        "path": f.path,
                        "id": getattr(record, "id", ""),
                        "last_verified": getattr(record, "last_verified", ""),
                    }
                )
        else:
            c["invalid"] += 1
            invalid[owner].append({"path": f.path, "problems": [_problem(p) for p in f.problems if p.is_error]})
    folder_of = {f.record.id: f.folder for f in region.opportunities if f.record is not None}
    for listing in listings:
        owners = [folder_of[s.record.id] for s in listing.sources if s.record is not None]
        if len(listing.sources) > 1:
            for owner in owners:
                per[owner]["merged"] += 1
    for listing in expired:
        for s in listing.sources:
            per[folder_of[s.record.id]]["expired"] += 1  # type: ignore[union-attr]
    flagged = Counter()
    for a, b, _ in dedupe.probable:
        flagged[folder_of.get(a, "")] += 1
        flagged[folder_of.get(b, "")] += 1
    for owner, n in flagged.items():
        if owner:
            per[owner]["flagged"] += n
    open_by_owner: Counter[str] = Counter()
    for listing in listed:
        for offer in listing.offers:
            open_by_owner[offer.institution.id] += 1
    institutions = {}
    for owner in sorted(per):
        c = per[owner]
        institutions[owner] = {
            "files": c["files"],
            "valid": c["valid"],
            "invalid": c["invalid"],
            "merged": c["merged"],
            "flagged": c["flagged"],
            "expired": c["expired"],
            "stale": c["stale"],
            "listed": open_by_owner[owner],
            "institution_file_valid": c["institution_file_invalid"] == 0,
            "invalid_files": invalid.get(owner, []),
        }
    problems = region.problems
    return {
        "today": today.isoformat(),
        "totals": {
            "files": sum(1 for f in region.files if f.kind != "institution"),
            "valid": len(region.opportunities),
            "invalid": sum(1 for f in region.files if f.kind != "institution" and not f.valid),
            "listings": len(listings),
            "listed": len(listed),
            "expired": len(expired),
            "hidden_no_institution": len(hidden),
            "merged_groups": sum(1 for listing in listings if len(listing.sources) > 1),
            "probable_duplicates": len(dedupe.probable),
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
        },
        "institutions": institutions,
        "merged": [
            {
                "listing": listing.id,
                "ids": sorted(s.record.id for s in listing.sources if s.record is not None),
                "institutions": [o.institution.id for o in listing.offers],
                "sources": [s.path for s in listing.sources],
            }
            for listing in listings
            if len(listing.sources) > 1
        ],
        "review": [{"a": a, "b": b, "why": why} for a, b, why in dedupe.probable],
        "expired": sorted(listing.id for listing in expired),
        "stale": stale_files,
    }


def _problem(p: Any) -> dict[str, Any]:
    return {"line": p.line, "column": p.column, "code": p.code, "message": p.message, "hint": p.hint}


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def summary(report: dict[str, Any], timings: dict[str, float]) -> str:
    """The terminal summary: a line per institution, then totals and timings."""
    rows = [("institution", "files", "valid", "invalid", "merged", "flagged", "expired", "stale", "listed")]
    for owner, c in report["institutions"].items():
        rows.append(
            (
                owner,
                *(str(c[k]) for k in ("files", "valid", "invalid", "merged", "flagged", "expired", "stale", "listed")),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)) for r in rows
    ]
    totals = report["totals"]
    lines.append("")
    lines.append(
        f"{totals['listed']} opportunities listed from {totals['valid']} valid files "
        f"({totals['invalid']} invalid, {totals['merged_groups']} merged groups, "
        f"{totals['probable_duplicates']} possible duplicates to review, {totals['expired']} expired)."
    )
    for c in report["institutions"].values():
        for item in c["invalid_files"]:
            for p in item["problems"]:
                lines.append(f"  left out: {item['path']}:{p['line']}:{p['column']}: {p['message']} [{p['code']}]")
    for pair in report["review"]:
        lines.append(f"  review: {pair['a']} ~ {pair['b']} ({pair['why']})")
    if timings:
        lines.append("time: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in timings.items()))
    return "\n".join(lines) + "\n"
