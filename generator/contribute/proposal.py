"""Projects proposed to the region ("Propose a project"): the issue form for
intermediaries and employers who have a GitHub account, turned into
`proposals/<id>.yaml` the way the opportunity form becomes an opportunity
file (the same cell reading, validation and messages on the form's
sections). Employers without an account write to the regional office by the
`mailto:` link on the employers' guide and the chooser instead; both ask
the same questions: what, when (a month and a number of weeks), how much time, which sector."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.contribute.issue_form import FormSpec, Submission, read_form, write_submission
from generator.contribute.records import Source, at_cell, read_cells, whole_numbers
from generator.load.yamlstrict import LoadedFile
from generator.models import ProjectProposal
from generator.paths import PROPOSALS_DIR
from generator.validate import fields
from generator.validate.columns import EMAIL, LONG, NUMBER, TEXT, Column, columns_for_field, slugify

PROPOSAL_COLUMNS: tuple[Column, ...] = (
    Column("title_en", ("title", "en"), TEXT),
    Column("title_fr", ("title", "fr"), TEXT),
    Column("description_en", ("description", "en"), LONG),
    Column("description_fr", ("description", "fr"), LONG),
    Column("organisation", ("organisation",), TEXT),
    Column("host_size", ("organisation_size",), "vocab:host_sizes"),
    Column("sectors", ("sectors",), "list:sectors"),
    Column("formats", ("formats",), "list:wil_types"),
    Column("work_arrangement", ("work_arrangement",), "vocab:work_arrangements"),
    Column("start_month", ("start_month",), TEXT),
    Column("weeks", ("weeks",), NUMBER),
    Column("hours_per_month", ("hours_per_month",), NUMBER),
    Column("contact_office", ("contact_office",), TEXT),
    Column("contact_email", ("contact_email",), EMAIL),
    Column("intermediary", ("intermediary",), TEXT),
)
PROPOSAL_FORM = FormSpec(
    Path(".github") / "ISSUE_TEMPLATE" / "propose-project.yml",
    PROPOSAL_COLUMNS,
    frozenset({"organisation", "sectors", "contact_email"}),
    "project-proposal",
    "[project] ",
    "proposal-form",
    institution=False,
)


def from_proposal(body: str, root: Path, today: dt.date, *, write: bool = True, name: str = "issue") -> Submission:
    """Validate a submitted "Propose a project" form and write its file."""
    result = Submission()
    answers = read_form(body, PROPOSAL_FORM, result, name)
    if answers is None:
        return result
    source = Source(name, "section", answers.locate)
    record, result.problems = read_cells(1, answers.cells, source)
    title = record.get("title") if isinstance(record.get("title"), dict) else {}
    words = (title or {}).get("en") or (title or {}).get("fr") or ""  # type: ignore[union-attr]
    record["id"] = slugify(str(record.get("organisation", "")), str(words))
    record["proposed"] = today.isoformat()
    if result.problems:
        return result
    model, problems = fields.check(ProjectProposal, LoadedFile(path=name, data=record))
    for found in problems:
        column = next(iter(columns_for_field(found.field, PROPOSAL_COLUMNS)), None)
        result.problems.append(at_cell(source, 1, column, found.code, found.params))
    if model is None or result.problems:
        return result
    dumped = whole_numbers(model.model_dump(mode="json", exclude_none=True))
    target = root / PROPOSALS_DIR / f"{model.id}.yaml"
    return write_submission(result, root, target, dumped, write=write, name=name)
