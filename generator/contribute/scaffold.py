"""`wil new`: a valid, commented opportunity file to fill in.

The comments say what each field means and the allowed values; the values
are placeholders that already pass validation, so the file can be saved,
checked and improved step by step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import vocab
from generator.contribute.columns import slugify
from generator.contribute.records import institution_record, require_institution
from generator.paths import INSTITUTIONS_DIR, OPPORTUNITIES_DIR

TEMPLATE = """\
# yaml-language-server: $schema=../../schema/opportunity.schema.json
# New opportunity. Replace every value, delete the optional fields that do not
# apply, then run `wil validate {path}`. Dates are YEAR-MONTH-DAY; yes/no is true/false.
id: {id}  # must equal the file name
title:
  en: Replace with the title in English
  fr: Remplacez par le titre en français
description:
  en: |
    What the student does and learns, and what the host gets. Simple Markdown
    (**bold**, lists, links) is allowed.
institutions:
  - institution: {institution}
    apply_url: {apply_url}  # where to apply, https:// only
    contact_office: {office}  # an office, never a person
    contact_email: {email}
host:
  name: Replace with the host organisation
  kind: employer  # {host_kinds}
wil_type: internship  # {wil_types}
sectors: [technology]  # one to five of: {sectors}
# fields_of_study: [Software engineering]
# start_date: {start}
# end_date: {end}
# application_deadline: {deadline}
# duration: {{value: 16, unit: weeks}}  # hours, days, weeks or months
# hours_per_week: 35
# intake_terms: [summer]  # {intake_terms}
compensation:
  type: paid  # {compensation}
  # amount_min: 20
  # amount_max: 25
  # period: hour  # {pay_periods}
# host_commitment:
#   hours_total: 40
#   cost: {{en: Student wages}}
#   supervision: {{en: A supervisor meets the student weekly}}
# subsidies: [swpp]  # {subsidies}
work_arrangement: on-site  # {work_arrangements}
location:
  city: {city}
  province: AB
eligibility:
  study_levels: [undergraduate]  # {study_levels}
  part_time_students: false
  international_students: true  # false if the funding excludes international students
# equity_focus: [indigenous]  # {equity_focus}
audience: [students]  # students, employers, or both
languages: [en]
status: open  # {statuses}
last_verified: {today}  # the date you last checked this is still offered
"""


def scaffold(root: Path, institution: str, title: str | None, today: dt.date) -> Path:
    """Write the template for an institution; refuses to overwrite a file."""
    require_institution(root, institution)
    inst = institution_record(root / INSTITUTIONS_DIR / f"{institution}.yaml")
    id_ = slugify(institution, title or f"new opportunity {today.isoformat()}")
    path = root / OPPORTUNITIES_DIR / institution / f"{id_}.yaml"
    if path.exists():
        raise ValueError(f"{path.relative_to(root)} already exists")
    ids = {
        name: ", ".join(vocab.ids(name))
        for name in (
            "host_kinds",
            "wil_types",
            "sectors",
            "intake_terms",
            "compensation",
            "pay_periods",
            "subsidies",
            "work_arrangements",
            "study_levels",
            "equity_focus",
            "statuses",
        )
    }
    text = TEMPLATE.format(
        path=path.relative_to(root).as_posix(),
        id=id_,
        institution=institution,
        apply_url=inst.wil_contact.url or inst.website,
        office=inst.wil_contact.office.en or inst.wil_contact.office.fr,
        email=inst.wil_contact.email,
        city=inst.city or "Calgary",
        start=(today + dt.timedelta(days=120)).isoformat(),
        end=(today + dt.timedelta(days=240)).isoformat(),
        deadline=(today + dt.timedelta(days=60)).isoformat(),
        today=today.isoformat(),
        **ids,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
