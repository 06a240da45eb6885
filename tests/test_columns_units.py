"""The flat form of an opportunity (`generator/validate/columns.py`): which
column a spreadsheet header names in English or French, how each kind of
cell is read (vocabulary terms by id or label in either language, dates,
numbers written the French or the English way, durations, yes/no, lists),
where a value goes in the record, the ids made from names, and which
columns a validation problem points at. Pure functions on small inputs:
fast, and each expectation is the code's stated intent."""

from __future__ import annotations

from typing import Any

import pytest
from test_fields_units import SECTORS, WIL_TYPES  # the allowed lists as a person reads them, written once

from generator import vocab
from generator.models import Opportunity
from generator.validate import columns
from generator.validate.columns import (
    BOOL,
    COLUMNS,
    DATE,
    LIST_TEXT,
    LONG,
    NUMBER,
    TEXT,
    CellError,
    Column,
    accepted,
    columns_for_field,
    field_for_header,
    header_column,
    header_suggestion,
    input_words,
    place,
    read_cell,
    slugify,
)

BY_KEY = {c.key: c for c in COLUMNS}


def cell(key: str, raw: str) -> Any:
    return read_cell(BY_KEY[key], raw)


def refused(key: str, raw: str) -> tuple[str, dict[str, Any]]:
    with pytest.raises(CellError) as caught:
        cell(key, raw)
    return caught.value.code, caught.value.params


def same(got: Any, expected: Any) -> None:
    """Equal and of the same type (16 is not 16.0 in a record)."""
    assert (type(got), got) == (type(expected), expected)


# --- headers ---------------------------------------------------------------------------------


def test_a_column_has_a_header_and_help_in_each_language() -> None:
    column = BY_KEY["application_deadline"]
    assert (column.header("en"), column.header("fr")) == ("application_deadline", "date_limite")
    duration = BY_KEY["duration"]
    assert duration.help("en") == "A number and a unit: '16 weeks', '4 months'."
    assert duration.help("fr") == "Un nombre et une unité\u00a0: «\u00a016 semaines\u00a0», «\u00a04 mois\u00a0»."


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("application_deadline", "application_deadline"),
        ("date_limite", "application_deadline"),
        ("Date limite", "application_deadline"),
        ("DATE_LIMITE", "application_deadline"),
        ("  date   limite ", "application_deadline"),
        ("date-limite", "application_deadline"),
        ("__wil_type__", "wil_type"),
        ("Wil-Type", "wil_type"),
        ("type_ait", "wil_type"),
        ("type d'apprentissage", "wil_type"),  # another name people give it (`column.wil_type.also`)
        ("Hôte", "host"),
        ("hote", "host"),
        ("Titre (anglais)", "title_en"),
        ("Dernière vérification", "last_verified"),
        ("Last checked", "last_verified"),
        ("verifie_le", "last_verified"),
        ("premier accueil", "first_time_host"),
        ("courriel", "contact_email"),
        ("lien_candidature", "apply_url"),
        ("montant_min", "amount_min"),
    ],
)
def test_a_header_in_either_language_names_its_column(header: str, key: str) -> None:
    column = header_column(header)
    assert column is not None
    assert column.key == key
    assert field_for_header(header) == column.path


@pytest.mark.parametrize("header", ["date limit", "zzz", "", "   ", "wil_type_2"])
def test_an_unknown_header_names_no_column(header: str) -> None:
    assert header_column(header) is None
    assert field_for_header(header) is None


def test_header_key_folds_case_accents_spaces_and_punctuation() -> None:
    key = columns._header_key
    assert key("  Date   limite ") == "date_limite"
    assert key("Dernière vérification") == "derniere_verification"
    assert key("Titre (anglais)") == "titre_anglais"
    assert key("type d'apprentissage") == "type_d_apprentissage"
    assert key("__wil_type__") == "wil_type"
    assert key("Wil-Type") == "wil_type"
    assert key("") == ""


@pytest.mark.parametrize(
    ("header", "best"),
    [
        ("date limit", "date_limite"),
        ("derniere_verificaton", "derniere_verification"),
        ("wil_typ", "wil_type"),
        ("Date limite", "date_limite"),  # a known header suggests itself, folded
        ("zzz", ""),
        ("", ""),
    ],
)
def test_header_suggestion(header: str, best: str) -> None:
    assert header_suggestion(header) == best


def test_among_given_columns_a_header_names_one_of_them_in_either_language() -> None:
    given = (BY_KEY["start_date"], BY_KEY["application_deadline"])
    assert header_column("date_limite", given) is BY_KEY["application_deadline"]
    assert header_column("Date début", given) is BY_KEY["start_date"]
    assert header_column("application deadline", given) is BY_KEY["application_deadline"]
    assert header_column("end_date", given) is None  # a column, but not among these
    assert header_column("zzz", given) is None
    assert header_column("date_limite", ()) is None


def test_the_header_table_knows_every_column_in_both_languages() -> None:
    table = columns._by_header()
    for column in COLUMNS:
        for lang in ("en", "fr"):
            assert table[columns._header_key(column.header(lang))] is column
    assert table["derniere_verification"] is BY_KEY["last_verified"]  # a name from `column.<key>.also`


# --- vocabulary terms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "written", "id_"),
    [
        ("wil_type", "co-op", "co-op"),  # the id
        ("wil_type", "Co-operative education", "co-op"),  # the English label
        ("wil_type", "Enseignement coopératif", "co-op"),  # the French label
        ("wil_type", "enseignement cooperatif", "co-op"),  # without accents
        ("wil_type", "stage coopératif", "co-op"),  # a word people use (`input.vocab...`)
        ("wil_type", "COOP", "co-op"),
        ("wil_type", "co op", "co-op"),
        ("wil_type", "  micro stage  ", "micro-internship"),
        ("work_arrangement", "Sur place", "on-site"),
        ("work_arrangement", "télétravail", "remote"),
        ("work_arrangement", "Hybride", "hybrid"),
        ("status", "Fermé", "closed"),
        ("status", "En continu", "rolling"),
        ("host_size", "1-9 employees", "micro"),  # the label has an en dash; a hyphen is the same
        ("host_size", "10 à 49 employés", "small"),
        ("academic_credit", "Avec crédits", "yes"),
        ("compensation", "rémunéré", "paid"),
        ("pay_period", "heure", "hour"),
    ],
)
def test_a_term_by_id_or_label_in_either_language(key: str, written: str, id_: str) -> None:
    assert cell(key, written) == id_


def test_an_unknown_term_is_refused_with_the_allowed_ids_and_the_nearest() -> None:
    assert refused("wil_type", "coopp") == (
        "cell-unknown-value",
        {"value": "coopp", "allowed": WIL_TYPES, "best": "co-op"},
    )
    # the nearest word is a French label: the suggestion is its id, as the allowed list shows it
    assert refused("wil_type", "enseignement cooperatiff")[1]["best"] == "co-op"
    assert refused("wil_type", "zzz") == ("cell-unknown-value", {"value": "zzz", "allowed": WIL_TYPES, "best": ""})
    assert refused("academic_credit", "oui")[1] == {
        "value": "oui",
        "allowed": "`yes`, `optional`, `no`",
        "best": "",
    }


def test_a_list_of_terms_is_split_on_semicolons_and_lines() -> None:
    assert cell("sectors", "energy; Santé ;fabrication") == ["energy", "health", "manufacturing"]
    assert cell("sectors", "energy\ntechnology") == ["energy", "technology"]
    assert cell("sectors", "energy;; ;") == ["energy"]
    assert cell("sectors", "") == []
    assert cell("languages", "English; français") == ["en", "fr"]
    code, params = refused("sectors", "energy, technology")  # a comma does not separate
    assert (code, params["value"], params["allowed"]) == ("cell-unknown-value", "energy, technology", SECTORS)
    assert cell("sectors", "energy; tech") == ["energy", "technology"]  # `tech` is a word people use for it
    code, params = refused("sectors", "energy; zzz")
    assert (code, params["value"]) == ("cell-unknown-value", "zzz")


def test_accepted_lists_id_labels_then_words_once_each() -> None:
    assert accepted("work_arrangements")["remote"] == (
        "remote",
        "Remote",
        "À distance",
        "online",
        "virtual",
        "à distance",
        "en ligne",
        "télétravail",
        "virtuel",
    )
    assert accepted("statuses") == {
        "open": ("open", "Open", "Ouvert"),
        "rolling": ("rolling", "Ongoing (rolling intake)", "En continu"),
        "upcoming": ("upcoming", "Upcoming", "À venir"),
        "closed": ("closed", "Closed", "Fermé"),
    }
    assert accepted("duration_units")["weeks"] == ("weeks", "semaines")


def test_input_words_in_one_language() -> None:
    on_site = next(term for term in vocab.vocabularies()["work_arrangements"] if term.id == "on-site")
    assert input_words(on_site, "en") == ["onsite", "on site", "in person", "in-person"]
    assert input_words(on_site, "fr") == ["sur place", "en personne", "présentiel"]
    closed = next(term for term in vocab.vocabularies()["statuses"] if term.id == "closed")
    assert input_words(closed, "en") == []  # none in the catalogues


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2026-10-20", "2026-10-20"),
        (" 2026-10-20 ", "2026-10-20"),
        ("2026/10/20", "2026-10-20"),
        ("2026-10-20 00:00:00", "2026-10-20"),  # a spreadsheet's date and time
        ("2028-02-29", "2028-02-29"),
    ],
)
def test_a_date_cell(written: str, date: str) -> None:
    assert cell("start_date", written) == date


@pytest.mark.parametrize(
    "written",
    [
        "2026-02-30",
        "2027-02-29",
        "20/10/2026",
        "10/20/2026",
        "2026-1-5",
        "2026-13-01",
        "",
        "demain",
        "2026-10-20T10:00",
        "20261020",  # forms Python's fromisoformat takes, the guide does not
        "2026-W43-2",
        "2026-10-20 (tentative)",  # words after the date: not read as a date
    ],
)
def test_a_cell_that_is_not_a_date(written: str) -> None:
    assert refused("application_deadline", written) == ("cell-not-a-date", {"value": written.strip()})


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("16", 16),
        ("16.0", 16),
        ("22.5", 22.5),
        ("22,5", 22.5),  # French decimal comma
        ("22,50", 22.5),
        ("1,000", 1000),  # English thousands
        ("22,500", 22500),
        ("12,500.50", 12500.5),
        ("12,345,678", 12345678),
        ("1234,5", 1234.5),
        ("1 000", 1000),
        ("1\u00a0000", 1000),  # French thousands, no-break space
        ("1\u202f000,5", 1000.5),  # narrow no-break space
        ("$25", 25),
        ("22,50 $", 22.5),
        ("-5", -5),  # the model, not the cell, refuses a negative
        ("-2.5", -2.5),
        ("0", 0),
        (" 40 ", 40),
    ],
)
def test_a_number_cell(written: str, number: int | float) -> None:
    same(cell("hours_per_week", written), number)


@pytest.mark.parametrize("written", ["", "abc", "nan", "inf", "-inf", "1,5,6", "1234,567", ",5", "16 h", "1.2.3"])
def test_a_cell_that_is_not_a_number(written: str) -> None:
    assert refused("amount_min", written) == ("cell-not-a-number", {"value": written})


# --- durations, yes/no, lists and text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("12 weeks", 12, "weeks"),
        ("12 Weeks", 12, "weeks"),
        ("12 week", 12, "weeks"),
        ("12weeks", 12, "weeks"),
        ("12 semaines", 12, "weeks"),
        ("1 sem", 1, "weeks"),
        ("3,5 mois", 3.5, "months"),
        ("1.5 months", 1.5, "months"),
        (" 4   jours ", 4, "days"),
        ("40 h", 40, "hours"),
        ("40 heures", 40, "hours"),
        ("16.0 hrs", 16, "hours"),
    ],
)
def test_a_duration_cell(written: str, value: int | float, unit: str) -> None:
    got = cell("duration", written)
    assert got == {"value": value, "unit": unit}
    same(got["value"], value)


@pytest.mark.parametrize(
    "written", ["12", "weeks", "12 fortnights", "-3 weeks", "12 weeks 3 days", "", "douze semaines"]
)
def test_a_cell_that_is_not_a_duration(written: str) -> None:
    assert refused("duration", written) == ("cell-bad-duration", {"value": written})


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("oui", True),
        ("Oui", True),
        ("yes", True),
        ("YES", True),
        ("true", True),
        ("vrai", True),
        ("x", True),
        ("1", True),
        ("non", False),
        ("Non", False),
        ("no", False),
        ("NO", False),
        ("faux", False),
        ("0", False),
    ],
)
def test_a_yes_no_cell(written: str, answer: bool) -> None:
    assert cell("first_time_host", written) is answer
    assert cell("international_students", f"  {written} ") is answer


@pytest.mark.parametrize("written", ["maybe", "", "si", "2", "oui non"])
def test_a_cell_that_is_neither_yes_nor_no(written: str) -> None:
    assert refused("part_time_students", written) == ("cell-not-yes-no", {"value": written})


def test_a_text_list_cell() -> None:
    assert cell("skills_en", "SQL; Python ;  data   cleaning\n charts;;") == [
        "SQL",
        "Python",
        "data cleaning",
        "charts",
    ]
    assert cell("distinct_from", "") == []
    assert cell("skills_fr", "une seule") == ["une seule"]


def test_a_text_cell_keeps_one_space_between_words() -> None:
    assert cell("title_en", "  Data   analyst\tco-op  ") == "Data analyst co-op"
    assert cell("host_website", " https://x.example.ca ") == "https://x.example.ca"
    assert cell("contact_email", "coop@x.example.ca\n") == "coop@x.example.ca"
    assert cell("title_en", "") == ""


def test_a_long_text_cell_keeps_its_lines() -> None:
    assert cell("description_en", "  Line one\r\nLine  two\n\n- a point  ") == "Line one\nLine  two\n\n- a point"


@pytest.mark.parametrize(
    "written", ["a <b>bold</b>", "<script>x</script>", "x </b>", "<!-- note -->", "<?php", "a < b"]
)
def test_html_is_refused(written: str) -> None:
    assert refused("description_en", written) == ("cell-html", {})


@pytest.mark.parametrize("written", ["a <3 b", "1 < 2", "a<", "x > y"])
def test_a_less_than_sign_is_not_html(written: str) -> None:
    assert cell("title_en", written) == written


@pytest.mark.parametrize("written", ["x\x07y", "x\x00", "x\x08y", "x\x0by", "x\x0cy", "x\x0ey", "x\x1fy", "x\x7fy"])
def test_control_characters_are_refused(written: str) -> None:
    assert refused("title_en", written) == ("cell-control", {})
    assert refused("hours_per_week", written)[0] == "cell-control"  # before any other reading


def test_tabs_and_line_ends_are_not_control_characters() -> None:
    assert cell("title_en", "x\ty\rz") == "x y z"


def test_control_is_checked_before_html() -> None:
    assert refused("title_en", "<b>\x07")[0] == "cell-control"


def test_an_unknown_kind_is_a_programming_error_not_a_cell_error() -> None:
    with pytest.raises(ValueError, match="unknown column kind weird") as caught:
        read_cell(Column("x", ("x",), "weird"), "1")
    assert not isinstance(caught.value, CellError)


def test_the_kinds_read_as_their_names_say() -> None:
    assert read_cell(Column("a", ("a",), TEXT), " a  b ") == "a b"
    assert read_cell(Column("a", ("a",), LONG), " a  b ") == "a  b"
    assert read_cell(Column("a", ("a",), DATE), "2027/01/15") == "2027-01-15"
    same(read_cell(Column("a", ("a",), NUMBER), "7,5"), 7.5)
    assert read_cell(Column("a", ("a",), BOOL), "oui") is True
    assert read_cell(Column("a", ("a",), LIST_TEXT), "a;b") == ["a", "b"]
    assert read_cell(Column("a", ("a",), "vocab:statuses"), "Ouvert") == "open"
    assert read_cell(Column("a", ("a",), "list:statuses"), "Ouvert;closed") == ["open", "closed"]


def test_cell_error_is_a_value_error_with_its_code_and_parameters() -> None:
    error = CellError("cell-not-a-date", value="demain")
    assert isinstance(error, ValueError)
    assert (error.code, error.params, str(error)) == ("cell-not-a-date", {"value": "demain"}, "cell-not-a-date")
    assert CellError("cell-html").params == {}


# --- where a value goes ------------------------------------------------------------------------


def test_place_creates_the_blocks_on_the_way() -> None:
    record: dict[str, Any] = {}
    place(record, ("id",), "x")
    place(record, ("title", "en"), "Data")
    place(record, ("title", "fr"), "Données")
    place(record, ("host_commitment", "cost", "en"), "None")
    assert record == {
        "id": "x",
        "title": {"en": "Data", "fr": "Données"},
        "host_commitment": {"cost": {"en": "None"}},
    }


def test_place_creates_the_one_item_list_and_fills_it() -> None:
    record: dict[str, Any] = {}
    place(record, ("institutions", 0, "apply_url"), "https://x.example.ca")
    place(record, ("institutions", 0, "contact_email"), "a@x.example.ca")
    assert record == {"institutions": [{"apply_url": "https://x.example.ca", "contact_email": "a@x.example.ca"}]}
    place(record, ("institutions", 2, "program"), "BComm")
    assert record["institutions"] == [
        {"apply_url": "https://x.example.ca", "contact_email": "a@x.example.ca"},
        {},
        {"program": "BComm"},
    ]


def test_place_keeps_what_is_there() -> None:
    record: dict[str, Any] = {"host": {"kind": "employer"}, "sectors": ["energy"]}
    place(record, ("host", "name"), "Fab Côté")
    place(record, ("sectors",), ["health"])
    assert record == {"host": {"kind": "employer", "name": "Fab Côté"}, "sectors": ["health"]}


def test_every_column_places_its_value_where_the_model_reads_it() -> None:
    record: dict[str, Any] = {}
    for column in COLUMNS:
        place(record, column.path, column.key)
    assert record["institutions"][0]["contact_email"] == "contact_email"
    assert record["compensation"] == {
        "type": "compensation",
        "amount_min": "amount_min",
        "amount_max": "amount_max",
        "period": "pay_period",
    }
    assert record["host"] == {
        "name": "host",
        "kind": "host_kind",
        "website": "host_website",
        "size": "host_size",
        "first_time": "first_time_host",
    }


# --- ids from names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "slug"),
    [
        (("sait", "Data Analyst Co-op!"), "sait-data-analyst-co-op"),
        (("stmarys", "Stage coopératif d'été"), "stmarys-stage-cooperatif-d-ete"),
        (("R&D Lab",), "r-and-d-lab"),
        (("  Many   spaces  ",), "many-spaces"),
        (("2027 Projet",), "o-2027-projet"),  # an id starts with a letter
        (("-- !!",), "o"),
        (("",), "o"),
        ((), "o"),
        (("a" * 100,), "a" * 80),
        (("a" * 79 + " b",), "a" * 79),  # cut at 80, then no trailing hyphen
        (("a" * 80 + " b",), "a" * 80),
        (("1" * 100,), "o-" + "1" * 78),
        (("1" * 77 + " b",), "o-" + "1" * 77),  # the prefix's cut leaves no trailing hyphen either
    ],
)
def test_slugify(parts: tuple[str, ...], slug: str) -> None:
    got = slugify(*parts)
    assert got == slug
    assert len(got) <= 80


# --- which column a problem points at ----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "keys"),
    [
        ("institutions[0].apply_url", ["apply_url"]),
        ("title.en", ["title_en"]),
        ("title", ["title_en", "title_fr"]),  # a missing block: each of its columns
        ("sectors", ["sectors"]),
        ("sectors[1]", ["sectors"]),  # an item: the list's column
        ("duration.value", ["duration"]),  # inside a column's value: that column
        ("host_commitment.hours_total", ["host_hours"]),
        ("host_commitment.cost", ["host_cost_en", "host_cost_fr"]),
        ("host_commitment.cost.fr", ["host_cost_fr"]),
        ("host", ["host", "host_kind", "host_website", "host_size", "first_time_host"]),
        ("host.name", ["host"]),
        ("compensation", ["compensation", "amount_min", "amount_max", "pay_period"]),
        (
            "institutions[0]",
            ["apply_url", "contact_office", "contact_email", "contact_phone", "program"],
        ),
        ("eligibility", ["study_levels", "part_time_students", "international_students", "early_years"]),
        ("institutions[1].apply_url", []),  # the sheet has one offering
        ("hostx", []),
        ("", []),
    ],
)
def test_columns_for_field(field: str, keys: list[str]) -> None:
    assert [c.key for c in columns_for_field(field)] == keys


def test_columns_for_field_chooses_the_deepest_column_that_holds_the_field() -> None:
    block = Column("pay", ("compensation",), TEXT)
    kind = Column("pay_type", ("compensation", "type"), TEXT)
    other = Column("period", ("compensation", "period"), TEXT)
    given = (block, kind, other)
    assert columns_for_field("compensation.type", given) == [kind]
    assert columns_for_field("compensation.type", (kind, block)) == [kind]
    assert columns_for_field("compensation.details", given) == [block]
    assert columns_for_field("compensation", given) == [block]
    assert columns_for_field("compensation", (kind, other)) == [kind, other]
    assert columns_for_field("compensations", given) == []


ROW = {  # one cell for every column, as a sheet in either language may write it
    "id": "sait-analyst-co-op",
    "title_en": "Data analyst co-op",
    "title_fr": "Stage en analyse de données",
    "description_en": "Clean sensor data and build dashboards.\r\nTwo days a week on site.",
    "description_fr": "Nettoyer des données de capteurs et bâtir des tableaux de bord.",
    "host": "Prairie Pipeline Analytics",
    "host_kind": "non-profit",
    "host_website": "https://prairie.example.ca",
    "host_size": "10 à 49 employés",
    "first_time_host": "oui",
    "wil_type": "stage coopératif",
    "sectors": "energy; Technologie et numérique",
    "fields_of_study": "Statistics; Computer science",
    "study_fields": "computer-science; mathematics-statistics",
    "skills_en": "SQL; Python",
    "skills_fr": "SQL; Python; visualisation",
    "learning_outcomes_en": "Clean data; Present findings",
    "learning_outcomes_fr": "Nettoyer des données",
    "academic_credit": "optional",
    "start_date": "2027-05-03",
    "end_date": "2027/08/27",
    "application_deadline": "2027-02-15 00:00:00",
    "duration": "16 semaines",
    "hours_per_week": "37,5",
    "intake_terms": "summer; fall",
    "compensation": "paid",
    "amount_min": "22,50 $",
    "amount_max": "28",
    "pay_period": "heure",
    "host_hours": "40",
    "host_cost_en": "No cost",
    "host_cost_fr": "Aucun coût",
    "subsidies": "mitacs",
    "work_arrangement": "hybride",
    "city": "Calgary",
    "province": "AB",
    "study_levels": "diploma; undergraduate",
    "part_time_students": "non",
    "international_students": "yes",
    "early_years": "no",
    "equity_focus": "indigenous",
    "supports": "mentor; flexible-hours",
    "audience": "students",
    "languages": "English; français",
    "apply_url": "https://careers.sait.example.ca/analyst",
    "contact_office": "Co-op office",
    "contact_email": "coop@sait.example.ca",
    "contact_phone": "+1 403-555-0100",
    "program": "Data analytics diploma",
    "same_as": "mru-analyst-co-op",
    "distinct_from": "ucalgary-analyst-co-op; bowvalley-analyst-co-op",
    "status": "open",
    "last_verified": "2026-11-02",
    "first_published": "2026-11-03",
}


def test_a_row_with_every_column_makes_a_valid_record() -> None:
    """Each column's value goes where the model reads it, read as the model wants it."""
    assert set(ROW) == set(BY_KEY)
    record: dict[str, Any] = {}
    for column in COLUMNS:
        place(record, column.path, read_cell(column, ROW[column.key]))
    record["institutions"][0]["institution"] = "sait"  # the importer's, not the sheet's
    opportunity = Opportunity.model_validate(record)
    assert opportunity.host.first_time is True
    assert (opportunity.host.kind, opportunity.host.size, opportunity.wil_type) == ("non-profit", "small", "co-op")
    assert opportunity.sectors == ["energy", "technology"]
    assert opportunity.study_fields == ["computer-science", "mathematics-statistics"]
    assert opportunity.description.en == "Clean sensor data and build dashboards.\nTwo days a week on site."
    assert (opportunity.end_date, opportunity.application_deadline) == ("2027-08-27", "2027-02-15")
    assert opportunity.duration is not None and (opportunity.duration.value, opportunity.duration.unit) == (16, "weeks")
    assert (opportunity.hours_per_week, opportunity.compensation.amount_min, opportunity.compensation.period) == (
        37.5,
        22.5,
        "hour",
    )
    assert opportunity.eligibility is not None
    assert (
        opportunity.eligibility.part_time_students,
        opportunity.eligibility.international_students,
        opportunity.eligibility.early_years,
    ) == (False, True, False)
    assert opportunity.institutions[0].contact_phone == "+1 403-555-0100"
    assert opportunity.languages == ["en", "fr"]
    assert opportunity.distinct_from == ["ucalgary-analyst-co-op", "bowvalley-analyst-co-op"]
    assert opportunity.model_dump(exclude_none=True)["title"] == {
        "en": "Data analyst co-op",
        "fr": "Stage en analyse de données",
    }


@pytest.mark.parametrize(
    ("written", "day"), [("2026-10-20 00:00:00", "2026-10-20"), (" 2026/10/20 9:30 ", "2026-10-20")]
)
def test_a_date_with_a_spreadsheets_time_of_day_is_that_day(written: str, day: str) -> None:
    assert columns._date(written) == day


@pytest.mark.parametrize(("written", "number"), [("-22,5", -22.5), ("-1,000", -1000), ("-22.5", -22.5)])
def test_a_negative_number_reads_in_either_decimal_form(written: str, number: float) -> None:
    """Read as a number, so the field's own check says it cannot be negative."""
    assert columns._number(written) == number
