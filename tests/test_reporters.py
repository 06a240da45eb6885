"""The reporters (generator/reporters.py) as people and tools read them, in
both languages: text, GitHub annotations, JSON and a Markdown table for the
same three problems, one of each severity, and the summary line's forms."""

from __future__ import annotations

import json

import pytest

from generator import reporters
from generator.problems import Problem, Severity, problem

PROBLEMS = [
    problem("opportunities/a/a.yaml", (4, 1), "missing-french", {"field": "`title`"}, severity=Severity.NOTICE),
    problem(
        "opportunities/a/a.yaml",
        (12, 20),
        "personal-email",
        {"field": "`contact_email`", "value": "jane.doe@x.ca", "consent": "contact_consent"},
        severity=Severity.WARNING,
    ),
    problem(
        "opportunities/b/b.yaml",
        (7, 3),
        "end-before-start",
        {"field": "`end_date`", "start": "2027-05-03", "end": "2027-04-01"},
    ),
]
SUMMARY = reporters.files_summary(PROBLEMS, 3)


def test_each_severity_is_counted_apart() -> None:
    assert reporters.counts(PROBLEMS) == {"errors": 1, "warnings": 1, "notices": 1}
    assert reporters.counts(PROBLEMS[:2] * 2) == {"errors": 0, "warnings": 2, "notices": 2}
    assert reporters.counts([]) == {"errors": 0, "warnings": 0, "notices": 0}


@pytest.mark.parametrize(
    ("problems", "files", "en", "fr"),
    [
        (
            PROBLEMS,
            3,
            "1 error, 1 warning and 1 notice; 1 of 3 files needs fixing.",
            "1 erreur, 1 avertissement et 1 remarque; 1 fichier sur 3 à corriger.",
        ),
        (
            PROBLEMS[1:2],
            1,
            "0 errors and 1 warning; the file is valid.",
            "0 erreur et 1 avertissement; le fichier est valide.",
        ),
        (
            [],
            2,
            "0 errors and 0 warnings; all 2 files are valid.",
            "0 erreur et 0 avertissement; les 2 fichiers sont valides.",
        ),
        (
            PROBLEMS[:1] * 2,
            2,
            "0 errors, 0 warnings and 2 notices; all 2 files are valid.",
            "0 erreur, 0 avertissement et 2 remarques; les 2 fichiers sont valides.",
        ),
        (
            PROBLEMS[2:] * 2,
            4,
            "2 errors and 0 warnings; 1 of 4 files needs fixing.",
            "2 erreurs et 0 avertissement; 1 fichier sur 4 à corriger.",
        ),
    ],
)
def test_the_summary_names_notices_only_when_there_are_some(
    problems: list[Problem], files: int, en: str, fr: str
) -> None:
    summary = reporters.files_summary(problems, files)
    assert (summary.render("en"), summary.render("fr")) == (en, fr)


def test_text_groups_by_file_with_the_level_in_words() -> None:
    assert reporters.text(PROBLEMS, SUMMARY, "en") == (
        "opportunities/a/a.yaml\n"
        "  4:1  notice  `title` has no French version.  [missing-french]\n"
        "      -> Add an `fr:` line so French-speaking readers see it in their language.\n"
        "  12:20  warning  `contact_email`: `jane.doe@x.ca` looks like a named person's address.  [personal-email]\n"
        "      -> Use an office address (for example careers@..., coop@...): it survives staff changes and keeps"
        " personal data out of the open data. If this person agreed to be listed, add `contact_consent: true` beside it.\n"
        "\n"
        "opportunities/b/b.yaml\n"
        "  7:3  error  The end date 2027-04-01 is before the start date 2027-05-03.  [end-before-start]\n"
        "      -> Check both dates (YEAR-MONTH-DAY).\n"
        "\n"
        "1 error, 1 warning and 1 notice; 1 of 3 files needs fixing.\n"
    )
    french = reporters.text(PROBLEMS, SUMMARY, "fr")
    assert "  4:1  remarque  `title` n'a pas de version française.  [missing-french]\n" in french
    assert "  12:20  avertissement  `contact_email`\u00a0: `jane.doe@x.ca` ressemble" in french
    assert "  7:3  erreur  La date de fin 2027-04-01 précède la date de début 2027-05-03." in french


def test_github_annotations_carry_each_severity() -> None:
    lines = reporters.github(PROBLEMS, SUMMARY, "fr").splitlines()
    assert lines[0] == (
        "::notice file=opportunities/a/a.yaml,line=4,col=1,title=missing-french::`title` n'a pas de version française."
        " Ajoutez une ligne `fr:` pour les lecteurs francophones."
    )
    assert lines[1].startswith("::warning file=opportunities/a/a.yaml,line=12,col=20,title=personal-email::")
    assert lines[2].startswith("::error file=opportunities/b/b.yaml,line=7,col=3,title=end-before-start::La date")
    assert lines[3] == "1 erreur, 1 avertissement et 1 remarque; 1 fichier sur 3 à corriger."


def test_json_counts_and_words() -> None:
    data = json.loads(reporters.as_json(PROBLEMS, SUMMARY, "fr"))
    assert (data["errors"], data["warnings"], data["notices"], data["language"]) == (1, 1, 1, "fr")
    assert data["summary"] == "1 erreur, 1 avertissement et 1 remarque; 1 fichier sur 3 à corriger."
    assert [p["severity"] for p in data["problems"]] == ["notice", "warning", "error"]


def test_markdown_table_in_the_readers_language() -> None:
    lines = reporters.markdown(PROBLEMS, SUMMARY, "fr").splitlines()
    assert lines[0] == "### 1 erreur, 1 avertissement et 1 remarque; 1 fichier sur 3 à corriger."
    assert lines[2] == "| Fichier | Endroit | Niveau | Problème | Comment corriger |"
    assert [line.split(" | ")[2] for line in lines[4:7]] == ["remarque", "avertissement", "erreur"]
    assert reporters.markdown([], reporters.files_summary([], 1), "en").splitlines() == [
        "### 0 errors and 0 warnings; the file is valid.",
        "",
    ]
