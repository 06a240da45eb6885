"""Synthetic regions for benchmarks: N valid, realistic opportunities, seeded.

About 5 % are near-duplicates of another record (another institution's
wording of the same opportunity, a renamed employer, different casing), so
de-duplication has real work at every size. A copy from another institution
says `same_as` (since issue 14 the matcher never merges two institutions'
files on its own; a region links them once it has reviewed the pair).

    python -m benchmarks.synth 5000 /tmp/region
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

from generator import vocab

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout whose institutions/ a synthetic region copies
INSTITUTIONS = ("ucalgary", "mru", "sait", "bowvalley", "ambrose", "stmarys", "auarts")

_PREFIX = (
    "Prairie",
    "Chinook",
    "Bow River",
    "Foothills",
    "Rocky View",
    "Elbow",
    "Nose Hill",
    "Kananaskis",
    "Aspen",
    "Big Sky",
    "Northern Lights",
    "Stampede City",
    "Glenmore",
    "Fish Creek",
    "Sundance",
    "Cypress",
)
_CORE = (
    "Analytics",
    "Robotics",
    "Energy",
    "Health",
    "Logistics",
    "Design",
    "Foods",
    "Software",
    "Clean Power",
    "Aerospace",
    "Builders",
    "Financial",
    "Media",
    "Water",
    "Learning",
    "Community Services",
)
_SUFFIX = ("Inc.", "Ltd.", "Corp.", "Society", "Co-operative", "Group", "Partners", "Foundation")

_ROLES = {
    "technology": ("Software developer", "Data analyst", "Cybersecurity analyst", "UX researcher", "QA tester"),
    "energy": (
        "Reservoir data technician",
        "Pipeline integrity assistant",
        "Energy analyst",
        "Field operations assistant",
    ),
    "clean-technology": ("Solar installation assistant", "Emissions data analyst", "Water quality technician"),
    "health": ("Clinical research assistant", "Health promotion assistant", "Medical device tester"),
    "financial-services": ("Financial analyst", "Risk analyst", "Insurance claims assistant"),
    "construction": ("Site coordinator", "Estimating assistant", "Carpentry apprentice"),
    "agriculture": ("Crop research assistant", "Food safety technician", "Precision agriculture analyst"),
    "arts-culture": ("Gallery assistant", "Set design assistant", "Digital archive assistant"),
    "tourism-hospitality": ("Guest experience coordinator", "Event operations assistant", "Culinary intern"),
    "social-services": ("Community outreach assistant", "Program evaluation assistant", "Settlement support intern"),
    "education": ("Classroom assistant", "Curriculum design assistant", "Tutoring program coordinator"),
    "aviation-aerospace": ("Aircraft maintenance apprentice", "Supply chain analyst", "Drone operations assistant"),
}
_ROLES_FR = {
    "Software developer": "Développeur logiciel",
    "Data analyst": "Analyste de données",
    "Energy analyst": "Analyste en énergie",
    "Financial analyst": "Analyste financier",
    "Classroom assistant": "Aide-enseignant",
    "Community outreach assistant": "Agent de liaison communautaire",
}
_TASKS = (
    "clean and document data the team relies on every day",
    "build a small tool that saves staff several hours a week",
    "interview clients and summarise what they need",
    "prepare a report with clear recommendations for management",
    "support the field team during a busy season",
    "test a new process and measure whether it works",
)
_DURATION_BY_TYPE = {
    "micro-internship": (5, "days"),
    "hackathon": (2, "days"),
    "competition": (1, "days"),
    "co-op": (4, "months"),
    "internship": (16, "weeks"),
    "industry-project": (12, "weeks"),
}


def _host(rng: random.Random) -> str:
    return f"{rng.choice(_PREFIX)} {rng.choice(_CORE)} {rng.choice(_SUFFIX)}"


def _date(day: dt.date) -> str:
    return day.isoformat()


def make_record(rng: random.Random, n: int, today: dt.date) -> dict[str, Any]:
    """One valid, plausible opportunity."""
    inst = rng.choice(INSTITUTIONS)
    sector = rng.choice(tuple(_ROLES))
    role = rng.choice(_ROLES[sector])
    wil_type = rng.choice(vocab.ids("wil_types"))
    host = _host(rng)
    start = today + dt.timedelta(days=rng.randint(20, 400))
    amount, unit = _DURATION_BY_TYPE.get(wil_type, (rng.choice((8, 12, 16)), "weeks"))
    end = start + dt.timedelta(days=amount * {"days": 1, "weeks": 7, "months": 30}[unit])
    deadline = start - dt.timedelta(days=rng.randint(7, 60))
    pay = rng.choice(("paid", "paid", "stipend", "unpaid"))
    title_en = f"{role} {vocab.lookup('wil_types')[wil_type].label('en').lower()} at {host}"
    record: dict[str, Any] = {
        "id": f"{inst}-synthetic-{n:06d}",
        "title": {"en": title_en},
        "description": {
            "en": f"Join {host} as a {role.lower()}. You will {rng.choice(_TASKS)} and {rng.choice(_TASKS)}. "
            f"The host gets fresh skills and a clear deliverable; the student gets real experience in {sector}."
        },
        "institutions": [
            {
                "institution": inst,
                "apply_url": f"https://careers.{inst}.example.ca/postings/{n}",
                "contact_email": f"wil@{inst}.example.ca",
            }
        ],
        "host": {"name": host, "kind": rng.choice(("employer", "employer", "non-profit", "public-body"))},
        "wil_type": wil_type,
        "sectors": sorted({sector, rng.choice(tuple(_ROLES))}),
        "fields_of_study": [rng.choice(("Business", "Computer science", "Engineering", "Nursing", "Design"))],
        "start_date": _date(start),
        "end_date": _date(end),
        "application_deadline": _date(deadline),
        "duration": {"value": amount, "unit": unit},
        "compensation": {"type": pay},
        "work_arrangement": rng.choice(vocab.ids("work_arrangements")),
        "eligibility": {
            "study_levels": [rng.choice(vocab.ids("study_levels"))],
            "international_students": rng.random() < 0.7,
            "part_time_students": rng.random() < 0.4,
        },
        "audience": ["students"] if rng.random() < 0.85 else ["students", "employers"],
        "languages": ["en"] if rng.random() < 0.8 else ["en", "fr"],
        "last_verified": _date(today - dt.timedelta(days=rng.randint(0, 200))),
    }
    if role in _ROLES_FR and rng.random() < 0.6:
        record["title"]["fr"] = f"{_ROLES_FR[role]} – {host}"
        record["description"]["fr"] = (
            f"Joignez-vous à {host} pour un stage pratique : tâches concrètes, encadrement et livrable clair."
        )
    if pay != "unpaid":
        record["compensation"].update(
            amount_min=rng.choice((18, 20, 22, 25)), period="hour" if pay == "paid" else "total"
        )
        if pay == "stipend":
            record["compensation"]["amount_min"] = rng.choice((500, 1000, 2500))
    if record["work_arrangement"] != "remote":
        record["location"] = {
            "city": rng.choice(("Calgary", "Airdrie", "Cochrane", "Okotoks", "Canmore")),
            "province": "AB",
        }
    if rng.random() < 0.3:
        record["subsidies"] = [rng.choice(vocab.ids("subsidies"))]
    if rng.random() < 0.15:
        record["equity_focus"] = [rng.choice(vocab.ids("equity_focus"))]
    return record


def near_duplicate(rng: random.Random, original: dict[str, Any], n: int) -> dict[str, Any]:
    """The same opportunity as another institution (or the same one) words it."""
    copy = deepcopy(original)
    inst = rng.choice(INSTITUTIONS)
    copy["id"] = f"{inst}-synthetic-{n:06d}"
    copy["institutions"] = [
        {
            "institution": inst,
            "apply_url": f"https://careers.{inst}.example.ca/postings/{n}",
            "contact_email": f"wil@{inst}.example.ca",
        }
    ]
    if inst != original["institutions"][0]["institution"]:
        # Another institution's listing of it: the matcher only proposes such a
        # pair for review (issue 14); institutions then say so with `same_as`,
        # as a region does once its review queue is worked through.
        copy["same_as"] = original["id"]
    variant = rng.randrange(3)
    if variant == 0:
        copy["title"]["en"] = copy["title"]["en"].title()
    elif variant == 1:
        copy["host"]["name"] = copy["host"]["name"].rsplit(" ", 1)[0]
    else:
        copy["title"]["en"] = copy["title"]["en"].replace(" at ", " – ")
    return copy


def records(count: int, seed: int = 2026, today: dt.date | None = None) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 22)
    out: list[dict[str, Any]] = []
    for n in range(count):
        if out and rng.random() < 0.05:
            out.append(near_duplicate(rng, rng.choice(out), n))
        else:
            out.append(make_record(rng, n, today))
    return out


_HEADER = "# yaml-language-server: $schema=../../schema/opportunity.schema.json\n# SYNTHETIC DATA for benchmarks.\n"


def write_region(root: Path, count: int, seed: int = 2026) -> Path:
    """A complete region folder: the real institutions plus N synthetic files."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(PROJECT_ROOT / "institutions", root / "institutions")
    shutil.copyfile(PROJECT_ROOT / "region.yaml", root / "region.yaml")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for record in records(count, seed):
        folder = root / "opportunities" / record["institutions"][0]["institution"]
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(record, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{record['id']}.yaml").write_text(_HEADER + text, encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    write_region(args.folder, args.count, args.seed)
    print(f"wrote {args.count} opportunities to {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
