"""Rules that need every file: ids, institutions, folders, same_as links.

A file alone cannot tell that its id is taken or that an institution it
names exists, so these rules run once every file is read, on what was
learned from all of them (`Everything`). Links are checked against file
names, valid or not, so one broken file never makes the files that point
at it invalid too. Each rule is a small function returning problems, so a
new rule is one function added to a registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.models import Institution, Opportunity
from generator.paths import INSTITUTIONS_DIR
from generator.problems import Loc, Problem, Severity, dotted, listing, problem
from generator.validate.fields import field_ref
from generator.validate.suggest import closest

if TYPE_CHECKING:
    from generator.validate.region import SourceFile


@dataclass(frozen=True, slots=True)
class Everything:
    """What the rules across files know of the whole region, computed once."""

    institution_ids: tuple[str, ...]  # file stems of institution files, sorted
    institutions: frozenset[str]
    opportunities: Mapping[str, tuple[SourceFile, ...]]  # by record id: more than one is a clash
    opportunity_ids: frozenset[str]  # file stems and record ids: what a link may name
    co_offers: Mapping[str, frozenset[str]]  # by institution: ids in others' folders it agrees to offer

    @classmethod
    def of(cls, files: list[SourceFile]) -> Everything:
        institution_ids = tuple(sorted(Path(f.path).stem for f in files if f.kind == "institution"))
        by_id: dict[str, list[SourceFile]] = {}
        for f in files:
            if f.kind == "opportunity" and isinstance(f.record, Opportunity):
                by_id.setdefault(f.record.id, []).append(f)
        stems = {Path(f.path).stem for f in files if f.kind == "opportunity"}
        return cls(
            institution_ids=institution_ids,
            institutions=frozenset(institution_ids),
            opportunities={id_: tuple(same) for id_, same in by_id.items()},
            opportunity_ids=frozenset(stems | by_id.keys()),
            co_offers={
                Path(f.path).stem: frozenset(f.record.co_offers or ())
                for f in files
                if f.kind == "institution" and isinstance(f.record, Institution)
            },
        )


Rule = Callable[["SourceFile", Everything], Iterator[Problem]]


def _at(
    f: SourceFile,
    loc: Loc,
    code: str,
    params: dict[str, Any],
    *,
    key: bool = False,
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem at a place in an opportunity file, naming the field there."""
    assert f.loaded is not None
    params.setdefault("field", field_ref(Opportunity, loc))
    where = f.loaded.position(loc, key=key)
    return problem(f.path, where, code, params, field_name=dotted(loc), severity=severity)


def _opportunity(f: SourceFile) -> Opportunity:
    assert isinstance(f.record, Opportunity)
    return f.record


def _offered_by(f: SourceFile) -> list[str]:
    return [o.institution for o in _opportunity(f).institutions]


def _owns(f: SourceFile, id_: str) -> bool:
    """The file an id belongs to: named after it, in the folder of the institution its prefix names."""
    return Path(f.path).stem == id_ and id_.startswith(f"{f.folder}-")


# --- any record with an id -------------------------------------------------------


def filename_matches_id(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A record whose file is named otherwise: links and pages find records by file name."""
    assert isinstance(f.record, Opportunity | Institution) and f.loaded is not None
    stem = Path(f.path).stem
    if f.record.id != stem:
        params = {"filename": Path(f.path).name, "value": f.record.id, "stem": stem}
        yield problem(f.path, f.loaded.position(("id",)), "filename-mismatch", params, field_name="id")


# --- an opportunity's file ---------------------------------------------------------


def id_owned(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """An institution publishing under an id that belongs to another (its prefix names the folder's owner)."""
    id_ = _opportunity(f).id
    if f.folder in every.institutions and not id_.startswith(f"{f.folder}-"):
        yield _at(f, ("id",), "id-not-owned", {"value": id_, "prefix": f"{f.folder}-"})


def id_unique(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """Two files with one id, never settled by "first wins": a copy elsewhere must not hide the rightful file."""
    id_ = _opportunity(f).id
    same = every.opportunities[id_]
    if len(same) < 2:
        return
    others = ", ".join(o.path for o in same if o is not f)
    if _owns(f, id_) and not any(_owns(o, id_) for o in same if o is not f):
        yield _at(f, ("id",), "id-claimed-elsewhere", {"value": id_, "other": others}, severity=Severity.WARNING)
    else:
        yield _at(f, ("id",), "duplicate-id", {"value": id_, "other": others})


def offering_agreed(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A file speaking for another institution: it must name the id in its own `co_offers`."""
    id_, offered_by = _opportunity(f).id, _offered_by(f)
    for i, inst in enumerate(offered_by):
        agreed = id_ in every.co_offers.get(inst, ())
        if inst != f.folder and inst in every.institutions and f.folder in offered_by and not agreed:
            params = {"value": inst, "id": id_, "file": f"{INSTITUTIONS_DIR}/{inst}.yaml"}
            yield _at(f, ("institutions", i, "institution"), "offering-not-agreed", params)


def institutions_known(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """An offering by an institution that has no file (a typo, or one not yet added)."""
    for i, inst in enumerate(_offered_by(f)):
        if inst not in every.institutions:
            best = closest(inst, every.institution_ids) or ""
            params = {"value": inst, "best": best, "allowed": listing(every.institution_ids)}
            yield _at(f, ("institutions", i, "institution"), "unknown-institution", params)


def folder_known(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A folder no institution owns: nobody's maintainers would review it."""
    if f.folder not in every.institutions:
        best = closest(f.folder, every.institution_ids) or ""
        params = {"folder": f.folder, "best": best, "allowed": listing(every.institution_ids)}
        yield problem(f.path, (1, 1), "unknown-folder", params)


def folder_matches(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A file in the folder of an institution that does not offer it (once folder and institutions are known)."""
    offered_by = _offered_by(f)
    if f.folder not in every.institutions or f.folder in offered_by:
        return
    if all(inst in every.institutions for inst in offered_by):
        expected = offered_by[0] if offered_by else f.folder
        params = {"folder": f.folder, "value": ", ".join(offered_by), "expected": expected}
        yield _at(f, ("institutions",), "wrong-folder", params, key=True)


def same_as_known(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A `same_as` link that points at the file itself or at no opportunity."""
    record = _opportunity(f)
    if record.same_as is None:
        return
    if record.same_as == record.id:
        yield _at(f, ("same_as",), "same-as-self", {"value": record.same_as})
    elif record.same_as not in every.opportunity_ids:
        best = closest(record.same_as, sorted(every.opportunity_ids)) or ""
        yield _at(f, ("same_as",), "unknown-same-as", {"value": record.same_as, "best": best})


def distinct_from_known(f: SourceFile, every: Everything) -> Iterator[Problem]:
    """A `distinct_from` entry naming the file itself, its `same_as`, or no opportunity."""
    record = _opportunity(f)
    for i, other in enumerate(record.distinct_from or ()):
        if other == record.id:
            yield _at(f, ("distinct_from", i), "distinct-from-self", {"value": other})
        elif other == record.same_as:
            yield _at(f, ("distinct_from", i), "conflicting-links", {"value": other})
        elif other not in every.opportunity_ids:
            best = closest(other, sorted(every.opportunity_ids)) or ""
            yield _at(f, ("distinct_from", i), "unknown-distinct-from", {"value": other, "best": best})


# Opportunity and institution files whose record was read.
RECORD_RULES: tuple[Rule, ...] = (filename_matches_id,)
# Opportunity files whose record was read, in the order their problems are listed.
OPPORTUNITY_RULES: tuple[Rule, ...] = (
    id_owned,
    id_unique,
    offering_agreed,
    institutions_known,
    folder_known,
    folder_matches,
    same_as_known,
    distinct_from_known,
)


def apply(files: list[SourceFile]) -> None:
    """Add to each file the problems of the rules across files."""
    every = Everything.of(files)
    for f in files:
        if f.loaded is None or not isinstance(f.record, Opportunity | Institution):
            continue
        f.problems.extend(p for rule in RECORD_RULES for p in rule(f, every))
        if f.kind == "opportunity" and isinstance(f.record, Opportunity):
            f.problems.extend(p for rule in OPPORTUNITY_RULES for p in rule(f, every))
