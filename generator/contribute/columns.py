"""The flat form of an opportunity: one column (or issue-form field) per value.

Spreadsheet imports and the no-git issue form both arrive as flat
`name -> text` pairs; this table says where each goes in a record, how to
read it, and its English and French headers. One table serves both, so a
column documented for the spreadsheet works in the issue form too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from generator import vocab
from generator.load.yamlstrict import dotted
from generator.validate.suggest import closest, fold

# How a cell is read. "vocab:NAME" and "list:NAME" use schema/vocabularies.yaml.
TEXT, LONG, DATE, NUMBER, BOOL, URL, EMAIL, LIST_TEXT = (
    "text",
    "long",
    "date",
    "number",
    "bool",
    "url",
    "email",
    "texts",
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the English header, also the issue form field id
    fr: str  # the French header
    path: tuple[str | int, ...]  # where the value goes in the record
    kind: str
    help_en: str
    help_fr: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "identifiant",
        ("id",),
        TEXT,
        "Optional: keeps the file name stable when the title changes.",
        "Facultatif : garde le même nom de fichier si le titre change.",
    ),
    Column("title_en", "titre_en", ("title", "en"), TEXT, "Title in English.", "Titre en anglais."),
    Column("title_fr", "titre_fr", ("title", "fr"), TEXT, "Title in French.", "Titre en français."),
    Column(
        "description_en",
        "description_en",
        ("description", "en"),
        LONG,
        "Description in English.",
        "Description en anglais.",
    ),
    Column(
        "description_fr",
        "description_fr",
        ("description", "fr"),
        LONG,
        "Description in French.",
        "Description en français.",
    ),
    Column("host", "hote", ("host", "name"), TEXT, "Host organisation.", "Organisation hôte."),
    Column(
        "host_kind",
        "type_hote",
        ("host", "kind"),
        "vocab:host_kinds",
        "employer, non-profit, public-body or institution-program.",
        "employeur, OSBL, organisme public ou programme de l'établissement.",
    ),
    Column("host_website", "site_hote", ("host", "website"), URL, "Host's website.", "Site Web de l'hôte."),
    Column(
        "wil_type",
        "type_ait",
        ("wil_type",),
        "vocab:wil_types",
        "Type of work-integrated learning.",
        "Type d'apprentissage intégré au travail.",
    ),
    Column(
        "sectors",
        "secteurs",
        ("sectors",),
        "list:sectors",
        "One to five sectors, separated by ';'.",
        "Un à cinq secteurs, séparés par « ; ».",
    ),
    Column(
        "fields_of_study",
        "domaines_etudes",
        ("fields_of_study",),
        LIST_TEXT,
        "Programs or fields, separated by ';'.",
        "Programmes ou domaines, séparés par « ; ».",
    ),
    Column("start_date", "date_debut", ("start_date",), DATE, "YYYY-MM-DD.", "AAAA-MM-JJ."),
    Column("end_date", "date_fin", ("end_date",), DATE, "YYYY-MM-DD.", "AAAA-MM-JJ."),
    Column("application_deadline", "date_limite", ("application_deadline",), DATE, "YYYY-MM-DD.", "AAAA-MM-JJ."),
    Column(
        "duration",
        "duree",
        ("duration",),
        "duration",
        "A number and a unit: '16 weeks', '4 months'.",
        "Un nombre et une unité : « 16 semaines », « 4 mois ».",
    ),
    Column("hours_per_week", "heures_semaine", ("hours_per_week",), NUMBER, "Hours per week.", "Heures par semaine."),
    Column(
        "intake_terms",
        "sessions",
        ("intake_terms",),
        "list:intake_terms",
        "fall; winter; spring; summer; year-round.",
        "automne; hiver; printemps; été; toute l'année.",
    ),
    Column(
        "compensation",
        "remuneration",
        ("compensation", "type"),
        "vocab:compensation",
        "paid, stipend or unpaid.",
        "rémunéré, allocation ou non rémunéré.",
    ),
    Column(
        "amount_min",
        "montant_min",
        ("compensation", "amount_min"),
        NUMBER,
        "Lowest amount, in dollars.",
        "Montant minimal, en dollars.",
    ),
    Column(
        "amount_max",
        "montant_max",
        ("compensation", "amount_max"),
        NUMBER,
        "Highest amount, in dollars.",
        "Montant maximal, en dollars.",
    ),
    Column(
        "pay_period",
        "periode_paie",
        ("compensation", "period"),
        "vocab:pay_periods",
        "hour, week, month, term or total.",
        "heure, semaine, mois, session ou total.",
    ),
    Column(
        "host_hours",
        "heures_hote",
        ("host_commitment", "hours_total"),
        NUMBER,
        "Host staff hours in all.",
        "Heures du personnel de l'hôte au total.",
    ),
    Column(
        "host_cost_en",
        "cout_hote_en",
        ("host_commitment", "cost", "en"),
        TEXT,
        "Cost to the host, in English.",
        "Coût pour l'hôte, en anglais.",
    ),
    Column(
        "host_cost_fr",
        "cout_hote_fr",
        ("host_commitment", "cost", "fr"),
        TEXT,
        "Cost to the host, in French.",
        "Coût pour l'hôte, en français.",
    ),
    Column(
        "subsidies",
        "subventions",
        ("subsidies",),
        "list:subsidies",
        "swpp; mitacs; canada-summer-jobs...",
        "swpp; mitacs; canada-summer-jobs...",
    ),
    Column(
        "work_arrangement",
        "mode_travail",
        ("work_arrangement",),
        "vocab:work_arrangements",
        "on-site, hybrid or remote.",
        "sur place, hybride ou à distance.",
    ),
    Column("city", "ville", ("location", "city"), TEXT, "City or town.", "Ville."),
    Column("province", "province", ("location", "province"), TEXT, "Two letters, e.g. AB.", "Deux lettres, p. ex. AB."),
    Column(
        "study_levels",
        "niveaux_etudes",
        ("eligibility", "study_levels"),
        "list:study_levels",
        "certificate; diploma; undergraduate; graduate.",
        "certificat; diplôme; premier cycle; cycles supérieurs.",
    ),
    Column(
        "part_time_students", "temps_partiel", ("eligibility", "part_time_students"), BOOL, "yes or no.", "oui ou non."
    ),
    Column(
        "international_students",
        "etudiants_etrangers",
        ("eligibility", "international_students"),
        BOOL,
        "yes or no.",
        "oui ou non.",
    ),
    Column(
        "equity_focus",
        "equite",
        ("equity_focus",),
        "list:equity_focus",
        "indigenous; disability; newcomers...",
        "autochtones; handicap; nouveaux arrivants...",
    ),
    Column("audience", "public", ("audience",), "list:audiences", "students; employers.", "étudiants; employeurs."),
    Column("languages", "langues", ("languages",), "list:languages", "en; fr...", "en; fr..."),
    Column(
        "apply_url",
        "lien_candidature",
        ("institutions", 0, "apply_url"),
        URL,
        "Where to apply (https://...).",
        "Où postuler (https://...).",
    ),
    Column(
        "contact_office",
        "bureau",
        ("institutions", 0, "contact_office"),
        TEXT,
        "Office to contact (not a person).",
        "Bureau à joindre (pas une personne).",
    ),
    Column(
        "contact_email",
        "courriel",
        ("institutions", 0, "contact_email"),
        EMAIL,
        "The office's shared email.",
        "Courriel partagé du bureau.",
    ),
    Column(
        "contact_phone",
        "telephone",
        ("institutions", 0, "contact_phone"),
        TEXT,
        "The office's phone.",
        "Téléphone du bureau.",
    ),
    Column("program", "programme", ("institutions", 0, "program"), TEXT, "Program or course.", "Programme ou cours."),
    Column(
        "same_as",
        "meme_que",
        ("same_as",),
        TEXT,
        "Id of the same opportunity at another institution.",
        "Identifiant de la même occasion dans un autre établissement.",
    ),
    Column(
        "status",
        "statut",
        ("status",),
        "vocab:statuses",
        "open, rolling, upcoming or closed.",
        "ouvert, en continu, à venir ou fermé.",
    ),
    Column(
        "last_verified",
        "verifie_le",
        ("last_verified",),
        DATE,
        "Date you last checked it (YYYY-MM-DD).",
        "Date de la dernière vérification (AAAA-MM-JJ).",
    ),
)

_BY_HEADER: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.fr):
        _BY_HEADER[_name] = _column

_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YES = {"yes", "y", "true", "1", "oui", "o", "vrai", "x"}
_NO = {"no", "n", "false", "0", "non", "faux"}
_UNITS = {
    "hour": "hours",
    "hours": "hours",
    "heure": "hours",
    "heures": "hours",
    "h": "hours",
    "day": "days",
    "days": "days",
    "jour": "days",
    "jours": "days",
    "week": "weeks",
    "weeks": "weeks",
    "semaine": "weeks",
    "semaines": "weeks",
    "month": "months",
    "months": "months",
    "mois": "months",
}


class CellError(ValueError):
    """A value that cannot be read; the message says how to write it."""


def header_column(header: str) -> Column | None:
    name = fold(header).replace(" ", "_")
    return _BY_HEADER.get(name)


def header_suggestion(header: str) -> str:
    return closest(fold(header).replace(" ", "_"), list(_BY_HEADER)) or ""


def _term(name: str, value: str) -> str:
    wanted = fold(value)
    for term in vocab.vocabularies()[name]:
        if wanted in (fold(term.id), fold(term.en), fold(term.fr)):
            return term.id
    best = closest(value, [t.id for t in vocab.vocabularies()[name]] + [t.en for t in vocab.vocabularies()[name]])
    allowed = ", ".join(vocab.ids(name))
    hint = f" Did you mean '{best}'?" if best else ""
    raise CellError(f"'{value}' is not one of: {allowed}.{hint}")


def _date(value: str) -> str:
    text = value.strip().split(" ")[0].replace("/", "-")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError(f"'{value}' is not a date; write it as YYYY-MM-DD, for example 2027-01-15.") from None


_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # 1,000 or 12,500.50
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # 22,50 (French)


def _number(value: str) -> int | float:
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("$", "")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # also refuses "nan" and "inf", which float() accepts
        raise CellError(f"'{value}' is not a number; write digits only, for example 16, 1000 or 22.50.")
    return int(number) if number.is_integer() else number


def read_cell(column: Column, raw: str) -> Any:
    """One cell's text as the value the record needs (raises CellError)."""
    value = raw.strip()
    if _CONTROL.search(value):
        raise CellError("it contains control characters; retype the value.")
    if _TAG.search(value):
        raise CellError("HTML is not allowed; write plain text (simple Markdown is fine in descriptions).")
    kind = column.kind
    if kind in (TEXT, LONG, URL, EMAIL):
        return value.replace("\r\n", "\n") if kind == LONG else " ".join(value.split())
    if kind == DATE:
        return _date(value)
    if kind == NUMBER:
        return _number(value)
    if kind == BOOL:
        if fold(value) in _YES:
            return True
        if fold(value) in _NO:
            return False
        raise CellError(f"'{value}' is not yes or no.")
    if kind == LIST_TEXT:
        return [" ".join(part.split()) for part in re.split(r"[;\n]", value) if part.strip()]
    if kind.startswith("vocab:"):
        return _term(kind[6:], value)
    if kind.startswith("list:"):
        return [_term(kind[5:], part.strip()) for part in re.split(r"[;\n]", value) if part.strip()]
    if kind == "duration":
        match = re.fullmatch(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-zé]+)\s*", value)
        unit = _UNITS.get(fold(match.group(2))) if match else None
        if not match or not unit:
            raise CellError(f"'{value}' is not a duration; write a number and a unit, for example '16 weeks'.")
        return {"value": _number(match.group(1)), "unit": unit}
    raise CellError(f"unknown column kind {kind}")


def place(record: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Put a value at a path, creating the blocks (and the one-item list) on the way."""
    node: Any = record
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(nxt, int) else {})
    last = path[-1]
    node[last] = value


def slugify(*parts: str) -> str:
    words = fold(" ".join(parts)).split()
    slug = "-".join(words)[:80].strip("-")
    return slug if re.match(r"^[a-z]", slug or "") else f"o-{slug}"[:80].strip("-")


def column_for_field(name: str) -> str:
    """The column(s) a validation problem points at: `institutions[0].apply_url`
    -> `apply_url`; a missing `title` -> `title_en or title_fr`."""
    matches = [
        column
        for column in COLUMNS
        if name == dotted(column.path) or name.startswith((dotted(column.path) + ".", dotted(column.path) + "["))
    ]
    if matches:
        return max(matches, key=lambda column: len(column.path)).key
    below = [column.key for column in COLUMNS if dotted(column.path).startswith(name + ".")] if name else []
    return " or ".join(below) or name or "row"
