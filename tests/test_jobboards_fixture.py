"""The job-board linkage fixture is valid, labelled consistently and deterministic, and none of
its clusters reads, to a coordinator, as another cluster's opportunity.

The fixture itself imports nothing from `generator`; this test checks it against
the project's schema and model, so the region can feed the dedupe benchmark.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations, pairwise

import jsonschema
import pytest
from conftest import PROJECT_ROOT

from generator.models import Opportunity
from tests.fixtures.linkage import jobboards
from tests.fixtures.linkage.jobboards import SEED, Record, Region, generate

INSTITUTIONS = {p.stem for p in (PROJECT_ROOT / "institutions").glob("*.yaml")}


@cache
def region() -> Region:
    return generate()


def test_every_record_matches_the_schema_and_the_model() -> None:
    schema = json.loads((PROJECT_ROOT / "schema" / "opportunity.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = []
    for record in region().records:
        for error in validator.iter_errors(record.data):
            problems.append(f"{record.id}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        Opportunity.model_validate(record.data)
    assert not problems, "\n".join(problems[:20])


def test_records_are_what_one_institution_would_file() -> None:
    records = region().records
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert r.institution in INSTITUTIONS
        assert r.id == r.data["id"]
        assert r.id.startswith(f"{r.institution}-") and len(r.id) <= 80
        assert [o["institution"] for o in r.data["institutions"]] == [r.institution]
        assert "same_as" not in r.data and "distinct_from" not in r.data
        assert r.data["status"] == "open" and r.data["audience"] == ["students"]
        assert "2026-10-01" <= r.data["last_verified"] <= "2026-12-31"
        email = r.data["institutions"][0].get("contact_email")
        assert email is None or email.endswith(f"@{r.institution}.example.ca")
        if "start_date" in r.data and "end_date" in r.data:
            assert r.data["start_date"] <= r.data["end_date"]
    # dates are in 2027, deadlines mostly after mid-January (next editions run a year later)
    deadlines = [r.data["application_deadline"] for r in records if "application_deadline" in r.data]
    starts = [r.data["start_date"] for r in records if "start_date" in r.data]
    assert all("2027-01-01" <= d <= "2028-12-31" for d in deadlines + starts)
    assert sum(d >= "2027-01-15" for d in deadlines) >= 0.95 * len(deadlines)
    assert sum(d < "2028-01-01" for d in starts) >= 0.85 * len(starts)


def test_pairs_are_labelled_within_a_family_and_a_split() -> None:
    reg = region()
    by_id = {r.id: r for r in reg.records}
    seen = set()
    for p in reg.pairs:
        a, b = by_id[p.a], by_id[p.b]
        assert p.a < p.b and (p.a, p.b) not in seen
        seen.add((p.a, p.b))
        assert a.family == b.family and a.split == b.split
        assert p.same == (a.cluster == b.cluster)
    # every within-cluster pair is labelled
    clusters = Counter(r.cluster for r in reg.records)
    assert sum(p.same for p in reg.pairs) == sum(n * (n - 1) // 2 for n in clusters.values())
    assert len(reg.pairs) >= 1000
    share = sum(p.same for p in reg.pairs) / len(reg.pairs)
    assert 0.4 <= share <= 0.6, share
    assert max(clusters.values()) <= 4


def test_subsets_keep_their_pairs_and_a_third_of_families_are_held_out() -> None:
    reg = region()
    tune, heldout = reg.subset("tune"), reg.subset("heldout")
    assert len(tune.records) + len(heldout.records) == len(reg.records)
    assert len(tune.pairs) + len(heldout.pairs) == len(reg.pairs)
    ids = {r.id for r in heldout.records}
    assert all(p.a in ids and p.b in ids for p in heldout.pairs)
    families = {r.family: r.split for r in reg.records}
    assert all(split == jobboards.family_split(f) for f, split in families.items())
    share = sum(s == "heldout" for s in families.values()) / len(families)
    assert abs(share - 1 / 3) <= 0.05, share


def test_each_realism_case_appears_many_times() -> None:
    kinds = Counter((p.same, p.kind) for p in region().pairs)
    for kind in (
        "acronym-host",
        "legal-suffix-host",
        "numbered-company-host",
        "fr-twin-translated-host",
        "type-labelled-differently",
        "url-variant",
        "no-shared-link",
        "undated-listing",
        "dates-shifted",
    ):
        assert kinds[(True, kind)] >= 5, kind
    for kind in (
        "same-title-other-employer",
        "same-platform-other-employer",
        "part-time-version",
        "next-edition",
        "sibling-role",
        "seniority-level",
        "event-other-city",
        "event-other-season",
        "same-employer-other-placement",
    ):
        assert kinds[(False, kind)] >= 5, kind


@pytest.mark.parametrize("seed", [SEED, 7])
def test_generation_is_deterministic(seed: int) -> None:
    first = generate(seed, families=40) if seed != SEED else region()
    second = generate(seed, families=40 if seed != SEED else 260)
    assert first == second


# ----------------------------------------------------------------------------
# No two clusters are, for a reader, the same opportunity
# ----------------------------------------------------------------------------

# what employer names carry around the name itself
LEGAL = "the inc incorporated ltd ltee limited corp corporation co company llp ulc"
LEGAL_WORDS = set(LEGAL.split())
# words a board adds around the role: type labels, terms, filler (levels and part-time are kept apart)
GENERIC = """
    a an and at for in of on to with en de du des la le les l d au aux et pour chez
    co op coop student students work term experience intern internship interns summer apprentice apprenticeship
    registered practicum field placement clinical professional practice opportunity micro remote online project
    industry capstone applied research consulting hackathon case competition challenge edition month day week
    short paid riipen stage stagiaire cooperatif pratique professionnel apprentissage microstage projet ligne
    industriel recherche appliquee mission conseil milieu travail marathon programmation concours
    winter spring fall autumn hiver printemps ete automne january february march april may june july august
    september october november december janvier fevrier mars avril mai juin juillet aout septembre octobre
    novembre decembre
"""
GENERIC_WORDS = set(GENERIC.split())
LEVEL_WORDS = {"junior", "jr", "senior", "sr", "level", "niveau", "principal", "i", "ii"}
PART_TIME_WORDS = {"part", "time", "pt", "temps", "partiel"}


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z]+|[0-9]+", text.replace("&", " and "))


@dataclass(frozen=True)
class Seen:
    """What a coordinator sees of a record, folded."""

    employer: str
    role: tuple[str, ...]  # the title's own words, without host, type, term, level or part-time words
    level: frozenset[str]
    part_time: bool
    start: date | None
    city: str | None
    hours: float | None
    years: frozenset[str]
    title: frozenset[str]
    place: tuple[str | None, str | None, str]


def seen(data: dict) -> Seen:
    host = [w for w in words(data["host"]["name"]) if w not in LEGAL_WORDS]
    title = words(data["title"].get("en") or data["title"]["fr"])
    location = data.get("location") or {}
    where = words(location.get("city", "") + " " + location.get("details", ""))
    drop = GENERIC_WORDS | LEVEL_WORDS | PART_TIME_WORDS | LEGAL_WORDS | set(where) | set(host)
    role = [w for w in title if w not in drop]
    level = {w for w in title if w in LEVEL_WORDS - {"level", "niveau"}}
    level |= {{"1": "i", "2": "ii"}.get(n, n) for w, n in pairwise(title) if w in ("level", "niveau")}
    start = data.get("start_date")
    dates = [data.get(k) for k in ("start_date", "end_date", "application_deadline")]
    return Seen(
        employer=" ".join(host),
        role=tuple(w for w in role if not w.isdigit()),
        level=frozenset(level),
        part_time=("part" in title and "time" in title) or "pt" in title or "partiel" in title,
        start=date.fromisoformat(start) if start else None,
        city=location.get("city"),
        hours=data.get("hours_per_week"),
        years=frozenset([d[:4] for d in dates if d] + [w for w in title if re.fullmatch(r"20[0-9]{2}", w)]),
        title=frozenset(title),
        place=(location.get("city"), location.get("details"), data["host"]["name"]),
    )


def same_role(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same words ("HackTheHills" is "Hack the Hills"), or all of one title's two or more words in the other."""
    if not a or not b:
        return False
    small, large = sorted((set(a), set(b)), key=len)
    return "".join(a) == "".join(b) or (len(small) >= 2 and small <= large)


def looks_the_same(a: Seen, b: Seen) -> bool:
    """Same employer, same role words, starts within 120 days, same city (a missing city says nothing)."""
    return (
        a.employer == b.employer
        and same_role(a.role, b.role)
        and a.start is not None
        and b.start is not None
        and abs((a.start - b.start).days) <= 120
        and (a.city is None or b.city is None or a.city == b.city)
    )


def explains(kind: str, a: Seen, b: Seen) -> bool:
    """Does the look-alike's kind show in what both records say?"""
    if kind in ("same-title-other-employer", "same-platform-other-employer"):
        return a.employer != b.employer
    if kind == "part-time-version":
        return a.part_time != b.part_time or (a.hours is not None and b.hours is not None and a.hours != b.hours)
    if kind == "seniority-level":
        return a.level != b.level
    if kind == "next-edition":
        return bool(a.years and b.years) and a.years != b.years
    if kind == "sibling-role":
        return a.role != b.role
    if kind == "event-other-city":
        return (a.city is not None and b.city is not None and a.city != b.city) or a.title != b.title
    if kind == "event-other-season":
        return a.start is not None and b.start is not None and abs((a.start - b.start).days) > 120
    if kind == "same-employer-other-placement":
        return a.place != b.place or a.role != b.role
    return False


def collisions(reg: Region) -> list[str]:
    """Pairs of clusters that read as one opportunity and are not a look-alike pair that its kind explains."""
    labelled = {(p.a, p.b): p.kind for p in reg.pairs if not p.same}
    shown = [(r, seen(r.data)) for r in reg.records]
    groups: dict[str, list[tuple[Record, Seen]]] = {}
    for r, s in shown:
        groups.setdefault(s.employer, []).append((r, s))
    problems = []
    for group in groups.values():
        for (ra, sa), (rb, sb) in combinations(group, 2):
            if ra.cluster == rb.cluster or not looks_the_same(sa, sb):
                continue
            key = (min(ra.id, rb.id), max(ra.id, rb.id))
            kind = labelled.get(key)
            if kind is None or not any(explains(k, sa, sb) for k in kind.split("+")):
                problems.append(f"{kind or 'unlabelled'}:\n  {show(ra, sa)}\n  {show(rb, sb)}")
    return problems


def show(r: Record, s: Seen) -> str:
    d = r.data
    return f"{r.cluster} {r.id}: {d['title']} | {d['host']['name']} | {s.start} | {s.city} | {d['institutions'][0].get('apply_url')}"


@pytest.mark.parametrize("seed", [SEED, 7])
def test_no_two_clusters_read_as_one_opportunity(seed: int) -> None:
    """Same employer, role, city and start within 120 days: one opportunity, unless a labelled look-alike says why not."""
    problems = collisions(region() if seed == SEED else generate(seed))
    assert not problems, f"{len(problems)} pairs of clusters read as one opportunity:\n" + "\n".join(problems)
