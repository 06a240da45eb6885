"""`wil new`: a commented opportunity file to fill in.

The comments, in the language asked for, say what each field means and the
allowed values. Fields people must write themselves (the description, the
host, the title when `--title` is not given) hold example text that the
validator reports as an error until it is replaced, so an unfinished file
is never published; everything else already passes validation.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from generator import vocab
from generator.contribute.records import institution_problem, institution_record
from generator.i18n import t
from generator.layout import LANGUAGES
from generator.paths import OPPORTUNITIES_DIR
from generator.problems import Problem, problem
from generator.validate.columns import slugify

TEMPLATE = """\
# yaml-language-server: $schema=../../schema/opportunity.schema.json
{header}
id: {id}  # {c_id}
title:
{titles}
description:
  {lang}: |
{description}
institutions:
  - institution: {institution}
    apply_url: {apply_url}  # {c_apply}
    contact_office: {office}  # {c_office}
    contact_email: {email}
host:
  name: {host}
  kind: employer  # {host_kinds}
  # size: small  # {host_sizes}
  # first_time: true  # {c_first_time}
wil_type: internship  # {wil_types}
sectors: [technology]  # {c_sectors}
# study_fields: [computer-science]  # {c_study_fields}
# fields_of_study: [{field_example}]
# skills: {{{lang}: [{skills_example}]}}
# learning_outcomes: {{{lang}: [{outcome_example}]}}
# academic_credit: optional  # {c_credit}
# start_date: {start}
# end_date: {end}
# application_deadline: {deadline}
# duration: {{value: 16, unit: weeks}}  # {duration_units}
# hours_per_week: 35
# intake_terms: [summer]  # {intake_terms}
compensation:
  type: paid  # {compensation}
  # amount_min: 20
  # amount_max: 25
  # period: hour  # {pay_periods}
# host_commitment:
#   hours_total: 40
#   cost: {{{lang}: {cost_example}}}
#   supervision: {{{lang}: {supervision_example}}}
# subsidies: [swpp]  # {subsidies}
work_arrangement: on-site  # {work_arrangements}
location:
  city: {city}
  province: AB
eligibility:
  study_levels: [undergraduate]  # {study_levels}
  part_time_students: false
  international_students: true  # {c_international}
  # early_years: true  # {c_early}
# equity_focus: [indigenous]  # {equity_focus}
# supports: [mentor, flexible-hours]  # {c_supports}
audience: [students]  # {audiences}
languages: [{lang}]
status: open  # {statuses}
last_verified: {today}  # {c_verified}
"""

_LISTED = (
    "host_kinds",
    "wil_types",
    "duration_units",
    "intake_terms",
    "compensation",
    "pay_periods",
    "subsidies",
    "work_arrangements",
    "study_levels",
    "equity_focus",
    "host_sizes",
    "audiences",
    "statuses",
)


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 76))


def scaffold(
    root: Path, institution: str, title: str | None, today: dt.date, lang: str
) -> tuple[Path | None, list[Problem]]:
    """Write the template for an institution; never overwrites a file."""
    wrong = institution_problem(root, institution, f"{OPPORTUNITIES_DIR}/{institution[:40]}/")
    if wrong is not None:
        return None, [wrong]
    inst, problems = institution_record(root, institution)
    if inst is None:
        return None, problems
    id_ = slugify(institution, title or f"{t('scaffold.default-name', lang)} {today.isoformat()}")
    rel = f"{OPPORTUNITIES_DIR}/{institution}/{id_}.yaml"
    path = root / rel
    if path.exists():
        return None, [problem(rel, (1, 1), "file-exists", {"value": rel}, where="file")]
    titles = [f"  {lang}: {title}" if title else f"  {lang}: {t('scaffold.placeholder.title', lang)}"]
    titles += [f"  # {other}: {t('scaffold.placeholder.title', other)}" for other in LANGUAGES if other != lang]
    description = textwrap.indent(textwrap.fill(t("scaffold.placeholder.description", lang), 72), "    ")
    one_of = {name: t("scaffold.one-of", lang, values=", ".join(vocab.ids(name))) for name in _LISTED}
    text = TEMPLATE.format(
        header=_comment(t("scaffold.header", lang, path=rel)),
        id=id_,
        c_id=t("scaffold.id", lang),
        titles="\n".join(titles),
        lang=lang,
        description=description,
        institution=institution,
        apply_url=inst.wil_contact.url or inst.website,
        c_apply=t("scaffold.apply-url", lang),
        office=getattr(inst.wil_contact.office, lang, None) or inst.wil_contact.office.en or inst.wil_contact.office.fr,
        c_office=t("scaffold.office", lang),
        email=inst.wil_contact.email,
        host=t("scaffold.placeholder.host", lang),
        c_sectors=t("scaffold.sectors", lang, values=", ".join(vocab.ids("sectors"))),
        field_example=t("scaffold.field-example", lang),
        c_first_time=t("field.Host.first_time.help", lang),
        c_study_fields=t("scaffold.up-to", lang, count=6, values=", ".join(vocab.ids("study_fields"))),
        skills_example=t("scaffold.skills-example", lang),
        outcome_example=t("scaffold.outcome-example", lang),
        c_credit=t("field.Opportunity.academic_credit.help", lang),
        c_supports=t("scaffold.up-to", lang, count=10, values=", ".join(vocab.ids("supports"))),
        c_early=t("field.Eligibility.early_years.help", lang),
        cost_example=t("scaffold.cost-example", lang),
        supervision_example=t("scaffold.supervision-example", lang),
        city=inst.city or "Calgary",
        c_international=t("scaffold.international", lang),
        c_verified=t("scaffold.verified", lang),
        start=(today + dt.timedelta(days=120)).isoformat(),
        end=(today + dt.timedelta(days=240)).isoformat(),
        deadline=(today + dt.timedelta(days=60)).isoformat(),
        today=today.isoformat(),
        **one_of,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, []
