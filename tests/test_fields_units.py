"""How `generator/validate/fields.py` turns pydantic's errors into problems
staff can read: the code, the line and column, and the message and hint in
English and in French, for every kind of error the models raise; and the
small helpers (`_number`, `_found`, `_type_hint`, `_value_at`, `_label`,
`field_ref`, `field_help`, `schema_at`, `_unknown_field_suggestion`,
`_inside`) at their edges. Fast: each file is the reference record with one
mistake, read by the real loader and checked by the real models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, PROJECT_ROOT

from generator.i18n import msg
from generator.load.yamlstrict import LoadedFile, load_file
from generator.models import Host, Institution, Opportunity, ProjectProposal, RegionSettings, Title
from generator.problems import Problem
from generator.validate import fields

BASE = (FIXTURES / "valid" / "base-valid.yaml").read_text("utf-8")
NB = "\u00a0"  # French puts a no-break space inside « » and before : and ?

TOP_ALLOWED = (
    "`academic_credit`, `application_deadline`, `audience`, `compensation`, `description`, `distinct_from`, "
    "`duration`, `eligibility`, `end_date`, `equity_focus`, `fields_of_study`, `first_published`, `host`, "
    "`host_commitment`, `hours_per_week`, `id`, ..."
)
HOST_ALLOWED = "`first_time`, `kind`, `name`, `size`, `website`"
WIL_TYPES = (
    "`apprenticeship`, `co-op`, `entrepreneurship`, `field-placement`, `internship`, "
    "`mandatory-professional-practice`, `applied-research`, `service-learning`, `work-experience`, "
    "`micro-internship`, `industry-project`, `consulting`, `online-project`, `incubator`, `hackathon`, `competition`"
)
SECTORS = (
    "`agriculture`, `energy`, `clean-technology`, `technology`, `health`, `financial-services`, `manufacturing`, "
    "`aviation-aerospace`, `construction`, `tourism-hospitality`, `arts-culture`, `education`, `social-services`, "
    "`public-sector`, `professional-services`, `retail`"
)
DATE_HINT_EN = "Write the date as YEAR-MONTH-DAY with four, two and two digits, for example 2027-01-15."
DATE_HINT_FR = (
    "Écrivez la date sous la forme ANNÉE-MOIS-JOUR avec quatre, deux et deux chiffres, par exemple 2027-01-15."
)


def variant(old: str, new: str, text: str = BASE) -> str:
    """The reference record with one change (the change must apply)."""
    assert old in text, old
    return text.replace(old, new, 1)


def load(tmp_path: Path, text: str, name: str = "x.yaml") -> LoadedFile:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return load_file(path, display=name)


def problems(tmp_path: Path, text: str, model: Any = Opportunity) -> list[Problem]:
    record, found = fields.check(model, load(tmp_path, text))
    assert record is None
    return found


def one(tmp_path: Path, text: str, model: Any = Opportunity) -> Problem:
    found = problems(tmp_path, text, model)
    assert len(found) == 1, [(p.code, p.field) for p in found]
    return found[0]


def where(p: Problem) -> tuple[str, int, int, str]:
    return (p.code, p.line, p.column, p.field)


# --- every kind of error, as staff read it -----------------------------------------------

CASES = [
    pytest.param(
        "host:\n  name: Prairie Pipeline Analytics Inc.\n  kind: employer\n",
        "",
        ("missing-field", 3, 1, "host"),
        "The required field “Host organisation” (`host`) is missing.",
        "Add a `host:` line. The employer, organisation or program that hosts it.",
        f"Le champ obligatoire «{NB}Organisme hôte{NB}» (`host`) est absent.",
        "Ajoutez une ligne `host:`. L'employeur, l'organisme ou le programme qui l'accueille.",
        id="missing-top-level-field-at-the-first-line",
    ),
    pytest.param(
        "  name: Prairie Pipeline Analytics Inc.\n  kind: employer",
        "  name: Prairie Pipeline Analytics Inc.",
        ("missing-field", 14, 1, "host.kind"),
        "The required field “Kind of host” (`host.kind`) is missing.",
        "Add a `kind:` line. employer, non-profit, public-body, or institution-program when the institution runs it itself.",
        f"Le champ obligatoire «{NB}Type d'hôte{NB}» (`host.kind`) est absent.",
        "Ajoutez une ligne `kind:`. employer, non-profit, public-body, ou institution-program quand l'établissement l'organise lui-même.",
        id="missing-nested-field-at-its-block",
    ),
    pytest.param(
        "  - institution: ambrose\n    apply_url",
        "  - apply_url",
        ("missing-field", 10, 5, "institutions[0].institution"),
        "The required field “Institution” (`institutions[0].institution`) is missing.",
        "Add a `institution:` line. The id of the institution, as in institutions/<id>.yaml (for example `ucalgary`).",
        f"Le champ obligatoire «{NB}Établissement{NB}» (`institutions[0].institution`) est absent.",
        "Ajoutez une ligne `institution:`. L'identifiant de l'établissement, comme dans institutions/<id>.yaml (par exemple `ucalgary`).",
        id="missing-field-in-a-list-item-at-the-item",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  frist_time: true",
        ("unknown-field", 17, 3, "host.frist_time"),
        "`host.frist_time` is not a field this directory knows.",
        f"Did you mean `first_time`? Allowed here: {HOST_ALLOWED}.",
        "`host.frist_time` n'est pas un champ connu du répertoire.",
        f"Vouliez-vous dire `first_time`{NB}? Champs permis ici{NB}: {HOST_ALLOWED}.",
        id="unknown-field-near-a-known-one-at-its-key",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  qqqqqq: true",
        ("unknown-field", 17, 3, "host.qqqqqq"),
        "`host.qqqqqq` is not a field this directory knows.",
        f"Allowed here: {HOST_ALLOWED}.",
        "`host.qqqqqq` n'est pas un champ connu du répertoire.",
        f"Champs permis ici{NB}: {HOST_ALLOWED}.",
        id="unknown-field-near-nothing",
    ),
    pytest.param(
        "application_deadline: 2027-02-15",
        "date_limite: 2027-02-15",
        ("unknown-field", 21, 1, "date_limite"),
        "`date_limite` is not a field this directory knows.",
        f"Did you mean `application_deadline`? Allowed here: {TOP_ALLOWED}.",
        "`date_limite` n'est pas un champ connu du répertoire.",
        f"Vouliez-vous dire `application_deadline`{NB}? Champs permis ici{NB}: {TOP_ALLOWED}.",
        id="unknown-field-named-like-a-french-column",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  type_hote: employer",
        ("unknown-field", 17, 3, "host.type_hote"),
        "`host.type_hote` is not a field this directory knows.",
        f"Did you mean `kind`? Allowed here: {HOST_ALLOWED}.",
        "`host.type_hote` n'est pas un champ connu du répertoire.",
        f"Vouliez-vous dire `kind`{NB}? Champs permis ici{NB}: {HOST_ALLOWED}.",
        id="unknown-nested-field-named-like-a-column",
    ),
    pytest.param(
        "title:\n  en: Data analyst co-op\n  fr: Stage coopératif en analyse de données",
        "title:\n  es: Hola",
        ("unknown-field", 5, 3, "title.es"),
        "`title.es` is not a field this directory knows.",
        "Allowed here: `en`, `fr`.",
        "`title.es` n'est pas un champ connu du répertoire.",
        f"Champs permis ici{NB}: `en`, `fr`.",
        id="unknown-language",
    ),
    pytest.param(
        "  fr: Stage coopératif en analyse de données",
        "  fr: 5",
        ("wrong-type", 6, 7, "title.fr"),
        "“Title of the opportunity in French” (`title.fr`) should be text, but it is the number 5.",
        'Put the value in quotes, for example "...".',
        f"«{NB}Titre de l'occasion en français{NB}» (`title.fr`) devrait être du texte, mais c'est le nombre 5.",
        f'Mettez la valeur entre guillemets, par exemple «{NB}"..."{NB}».',
        id="number-for-text",
    ),
    pytest.param(
        "work_arrangement: hybrid",
        "work_arrangement: hybrid\nhours_per_week: ten",
        ("wrong-type", 27, 17, "hours_per_week"),
        "“Hours per week” (`hours_per_week`) should be a number, but it is the text `ten`.",
        "Write a plain number without quotes or units, for example 16.",
        f"«{NB}Heures par semaine{NB}» (`hours_per_week`) devrait être un nombre, mais c'est le texte `ten`.",
        "Écrivez un nombre seul, sans guillemets ni unité, par exemple 16.",
        id="text-for-number",
    ),
    pytest.param(
        "sectors: [energy, technology]",
        "sectors: energy",
        ("wrong-type", 18, 10, "sectors"),
        "“Sectors” (`sectors`) should be a list (lines starting with '- '), but it is the text `energy`.",
        "Write each item on its own line under `sectors:`, starting with '- '.",
        f"«{NB}Secteurs{NB}» (`sectors`) devrait être une liste (lignes commençant par «{NB}-{NB}»), mais c'est le texte `energy`.",
        f"Écrivez chaque élément sur sa propre ligne sous `sectors:`, en commençant par «{NB}-{NB}».",
        id="text-for-list",
    ),
    pytest.param(
        "title:\n  en: Data analyst co-op\n  fr: Stage coopératif en analyse de données",
        "title: Data analyst co-op for the pipeline operators",
        ("wrong-type", 4, 8, "title"),
        "“Title of the opportunity” (`title`) should be a block of indented `name: value` lines, but it is a text.",
        "Write `title:` alone on its line, then its fields on the next lines, indented by two spaces (for example `en: Data analyst co-op for the pip`).",
        f"«{NB}Titre de l'occasion{NB}» (`title`) devrait être un bloc de lignes «{NB}nom: valeur{NB}» en retrait, mais c'est un texte.",
        "Écrivez `title:` seul sur sa ligne, puis ses champs sur les lignes suivantes, en retrait de deux espaces (par exemple `en: Data analyst co-op for the pip`).",
        id="long-text-for-block",
    ),
    pytest.param(
        "location:\n  city: Calgary",
        "location: [Calgary]",
        ("wrong-type", 27, 11, "location"),
        "“Where” (`location`) should be a block of indented `name: value` lines, but it is a list.",
        "Check the indentation: the fields below it must be indented by two spaces.",
        f"«{NB}Lieu{NB}» (`location`) devrait être un bloc de lignes «{NB}nom: valeur{NB}» en retrait, mais c'est une liste.",
        f"Vérifiez l'indentation{NB}: les champs en dessous doivent être en retrait de deux espaces.",
        id="list-for-block",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  first_time: 1",
        ("wrong-type", 17, 15, "host.first_time"),
        "“First-time host” (`host.first_time`) should be true or false, but it is the number 1.",
        "Write true or false, without quotes.",
        f"«{NB}Premier accueil{NB}» (`host.first_time`) devrait être true ou false, mais c'est le nombre 1.",
        "Écrivez true ou false, sans guillemets.",
        id="number-for-boolean",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  first_time: 'true'",
        ("wrong-type", 17, 15, "host.first_time"),
        "“First-time host” (`host.first_time`) should be true or false, but it is the text `true`.",
        "Write true or false, without quotes.",
        f"«{NB}Premier accueil{NB}» (`host.first_time`) devrait être true ou false, mais c'est le texte `true`.",
        "Écrivez true ou false, sans guillemets.",
        id="quoted-boolean",
    ),
    pytest.param(
        "  kind: employer",
        "  kind: employer\n  first_time: {a: 1}",
        ("wrong-type", 17, 15, "host.first_time"),
        "“First-time host” (`host.first_time`) should be true or false, but it is a block of fields.",
        "Write true or false, without quotes.",
        f"«{NB}Premier accueil{NB}» (`host.first_time`) devrait être true ou false, mais c'est un bloc de champs.",
        "Écrivez true ou false, sans guillemets.",
        id="block-for-boolean",
    ),
    pytest.param(
        "wil_type: co-op",
        "wil_type: coop",
        ("unknown-value", 17, 11, "wil_type"),
        "`coop` is not an allowed value for “Type of work-integrated learning” (`wil_type`).",
        f"Did you mean `co-op`? Allowed values: {WIL_TYPES}.",
        f"`coop` n'est pas une valeur permise pour «{NB}Type d'apprentissage intégré au travail{NB}» (`wil_type`).",
        f"Vouliez-vous dire `co-op`{NB}? Valeurs permises{NB}: {WIL_TYPES}.",
        id="value-near-a-vocabulary-entry",
    ),
    pytest.param(
        "wil_type: co-op",
        "wil_type: zzz",
        ("unknown-value", 17, 11, "wil_type"),
        "`zzz` is not an allowed value for “Type of work-integrated learning” (`wil_type`).",
        f"Allowed values: {WIL_TYPES}.",
        f"`zzz` n'est pas une valeur permise pour «{NB}Type d'apprentissage intégré au travail{NB}» (`wil_type`).",
        f"Valeurs permises{NB}: {WIL_TYPES}.",
        id="value-near-nothing",
    ),
    pytest.param(
        "work_arrangement: hybrid",
        "work_arrangement: hybrid\nacademic_credit: true",
        ("unknown-value", 27, 18, "academic_credit"),
        "`true` is not an allowed value for “Academic credit” (`academic_credit`).",
        "Allowed values: `yes`, `optional`, `no`.",
        f"`true` n'est pas une valeur permise pour «{NB}Crédits universitaires{NB}» (`academic_credit`).",
        f"Valeurs permises{NB}: `yes`, `optional`, `no`.",
        id="boolean-for-vocabulary-shown-as-written",
    ),
    pytest.param(
        "sectors: [energy, technology]",
        "sectors: [energy, tech]",
        ("unknown-value", 18, 19, "sectors[1]"),
        "`tech` is not an allowed value for “Sectors, item 2” (`sectors[1]`).",
        f"Allowed values: {SECTORS}.",
        f"`tech` n'est pas une valeur permise pour «{NB}Secteurs, élément 2{NB}» (`sectors[1]`).",
        f"Valeurs permises{NB}: {SECTORS}.",
        id="unknown-list-item",
    ),
    pytest.param(
        "  en: Data analyst co-op",
        "  en: Da",
        ("too-short", 5, 7, "title.en"),
        "“Title of the opportunity in English” (`title.en`) is too short (2 characters, at least 3).",
        "Write a little more so that readers understand it.",
        f"«{NB}Titre de l'occasion en anglais{NB}» (`title.en`) est trop court (2 caractères, au moins 3).",
        "Écrivez-en un peu plus pour que les lecteurs comprennent.",
        id="text-too-short",
    ),
    pytest.param(
        "  en: Clean sensor data and build dashboards for a pipeline operator's control room.",
        "  en: " + "x" * 5001,
        ("too-long", 8, 7, "description.en"),
        "“Description of the opportunity in English” (`description.en`) is too long (5001 characters, at most 5000).",
        "Shorten it; long texts belong in the description.",
        f"«{NB}Description de l'occasion en anglais{NB}» (`description.en`) est trop long (5001 caractères, au plus 5000).",
        "Raccourcissez-le; les longs textes vont dans la description.",
        id="text-too-long",
    ),
    pytest.param(
        "audience: [students]",
        "audience: [students]\nskills:\n  en: [SQL, a]",
        ("too-short", 33, 13, "skills.en[1]"),
        "“Skills developed in English, item 2” (`skills.en[1]`) is too short (1 character, at least 2).",
        "Write a little more so that readers understand it.",
        f"«{NB}Compétences développées en anglais, élément 2{NB}» (`skills.en[1]`) est trop court (1 caractère, au moins 2).",
        "Écrivez-en un peu plus pour que les lecteurs comprennent.",
        id="list-item-in-a-language-too-short",
    ),
    pytest.param(
        "sectors: [energy, technology]",
        "sectors: []",
        ("too-few-items", 18, 10, "sectors"),
        "“Sectors” (`sectors`) needs at least 1 item.",
        "Add an item as a line starting with '- '.",
        f"«{NB}Secteurs{NB}» (`sectors`) doit avoir au moins 1 élément.",
        f"Ajoutez un élément sur une ligne commençant par «{NB}-{NB}».",
        id="too-few-items",
    ),
    pytest.param(
        "sectors: [energy, technology]",
        "sectors: [energy, technology, health, manufacturing, agriculture, construction]",
        ("too-many-items", 18, 10, "sectors"),
        "“Sectors” (`sectors`) has 6 items; the limit is 5.",
        "Keep the most relevant ones.",
        f"«{NB}Secteurs{NB}» (`sectors`) a 6 éléments; la limite est de 5.",
        "Gardez les plus pertinents.",
        id="too-many-items",
    ),
    pytest.param(
        "sectors: [energy, technology]",
        "sectors: [energy, energy]",
        ("duplicate-item", 18, 10, "sectors"),
        "“Sectors” (`sectors`) lists the same value more than once.",
        "Remove the repeated line.",
        f"«{NB}Secteurs{NB}» (`sectors`) contient la même valeur plus d'une fois.",
        "Supprimez la ligne répétée.",
        id="duplicate-item",
    ),
    pytest.param(
        "work_arrangement: hybrid",
        "work_arrangement: hybrid\nhours_per_week: 61",
        ("too-large", 27, 17, "hours_per_week"),
        "“Hours per week” (`hours_per_week`) is 61; it must be at most 60.",
        "Check the number and its unit.",
        f"«{NB}Heures par semaine{NB}» (`hours_per_week`) vaut 61; il doit être d'au plus 60.",
        "Vérifiez le nombre et son unité.",
        id="number-above-its-maximum",
    ),
    pytest.param(
        "work_arrangement: hybrid",
        "work_arrangement: hybrid\nhours_per_week: 60.5",
        ("too-large", 27, 17, "hours_per_week"),
        "“Hours per week” (`hours_per_week`) is 60.5; it must be at most 60.",
        "Check the number and its unit.",
        f"«{NB}Heures par semaine{NB}» (`hours_per_week`) vaut 60,5; il doit être d'au plus 60.",
        "Vérifiez le nombre et son unité.",
        id="decimal-above-its-maximum",
    ),
    pytest.param(
        "  amount_min: 24",
        "  amount_min: -22.5",
        ("too-small", 24, 15, "compensation.amount_min"),
        "“Amount (from)” (`compensation.amount_min`) is -22.5; it must be at least 0.",
        "Check the number.",
        f"«{NB}Montant (à partir de){NB}» (`compensation.amount_min`) vaut -22,5; il doit être d'au moins 0.",
        "Vérifiez le nombre.",
        id="number-below-its-minimum",
    ),
    pytest.param(
        "start_date: 2027-05-03",
        "start_date: 2027-5-3",
        ("bad-date", 19, 13, "start_date"),
        "`2027-5-3` is not a date for “Start date” (`start_date`).",
        DATE_HINT_EN,
        f"`2027-5-3` n'est pas une date pour «{NB}Date de début{NB}» (`start_date`).",
        DATE_HINT_FR,
        id="date-with-one-digit-month",
    ),
    pytest.param(
        "start_date: 2027-05-03",
        "start_date: 5 avril 2027",
        ("bad-date", 19, 13, "start_date"),
        "`5 avril 2027` is not a date for “Start date” (`start_date`).",
        DATE_HINT_EN,
        f"`5 avril 2027` n'est pas une date pour «{NB}Date de début{NB}» (`start_date`).",
        DATE_HINT_FR,
        id="date-in-words-is-a-date-problem-not-a-length",
    ),
    pytest.param(
        "start_date: 2027-05-03",
        "start_date: 2027-13-03",
        ("date-no-month", 19, 13, "start_date"),
        "`2027-13-03` is not a real date for “Start date” (`start_date`): there is no month 13.",
        "Months go from 01 to 12; the date is written YEAR-MONTH-DAY, for example 2027-01-15.",
        f"`2027-13-03` n'est pas une date réelle pour «{NB}Date de début{NB}» (`start_date`){NB}: il n'y a pas de mois 13.",
        "Les mois vont de 01 à 12; la date s'écrit ANNÉE-MOIS-JOUR, par exemple 2027-01-15.",
        id="date-no-month",
    ),
    pytest.param(
        "start_date: 2027-05-03",
        "start_date: 2027-02-30",
        ("date-no-day", 19, 13, "start_date"),
        "`2027-02-30` is not a real date for “Start date” (`start_date`): February 2027 has 28 days.",
        "Check the day; the date is written YEAR-MONTH-DAY, for example 2027-01-15.",
        f"`2027-02-30` n'est pas une date réelle pour «{NB}Date de début{NB}» (`start_date`){NB}: février 2027 compte 28 jours.",
        "Vérifiez le jour; la date s'écrit ANNÉE-MOIS-JOUR, par exemple 2027-01-15.",
        id="date-no-day",
    ),
    pytest.param(
        "start_date: 2027-05-03",
        "start_date: 2028-04-31",
        ("date-no-day", 19, 13, "start_date"),
        "`2028-04-31` is not a real date for “Start date” (`start_date`): April 2028 has 30 days.",
        "Check the day; the date is written YEAR-MONTH-DAY, for example 2027-01-15.",
        f"`2028-04-31` n'est pas une date réelle pour «{NB}Date de début{NB}» (`start_date`){NB}: avril 2028 compte 30 jours.",
        "Vérifiez le jour; la date s'écrit ANNÉE-MOIS-JOUR, par exemple 2027-01-15.",
        id="date-no-day-in-april",
    ),
    pytest.param(
        "    contact_email: coop@ambrose.example.ca",
        "  - institution: sait\n    apply_url: http://x.example.ca",
        ("bad-url", 14, 16, "institutions[1].apply_url"),
        "`http://x.example.ca` is not a web address this directory accepts for “How to apply” (`institutions[1].apply_url`).",
        "Use a full, secure address that starts with https://, with no spaces.",
        f"`http://x.example.ca` n'est pas une adresse Web acceptée pour «{NB}Comment postuler{NB}» (`institutions[1].apply_url`).",
        "Utilisez une adresse complète et sécurisée qui commence par https://, sans espaces.",
        id="insecure-url-in-the-second-offering",
    ),
    pytest.param(
        "    apply_url: https://careers.ambrose.example.ca/co-op",
        "    apply_url: https://careers.ambrose.example.ca/" + "a" * 470,
        ("bad-url", 11, 16, "institutions[0].apply_url"),
        f"`https://careers.ambrose.example.ca/{'a' * 470}` is not a web address this directory accepts for “How to apply” (`institutions[0].apply_url`).",
        "Use a full, secure address that starts with https://, with no spaces.",
        f"`https://careers.ambrose.example.ca/{'a' * 470}` n'est pas une adresse Web acceptée pour «{NB}Comment postuler{NB}» (`institutions[0].apply_url`).",
        "Utilisez une adresse complète et sécurisée qui commence par https://, sans espaces.",
        id="url-too-long-is-a-url-problem",
    ),
    pytest.param(
        "    contact_email: coop@ambrose.example.ca",
        "    contact_email: coop at ambrose",
        ("bad-email", 13, 20, "institutions[0].contact_email"),
        "`coop at ambrose` is not a valid email address for “Contact email” (`institutions[0].contact_email`).",
        "Write an office address such as wil-office@example.ca, without 'mailto:' or spaces.",
        f"`coop at ambrose` n'est pas une adresse courriel valide pour «{NB}Courriel de la personne-ressource{NB}» (`institutions[0].contact_email`).",
        f"Écrivez une adresse de service comme ait@exemple.ca, sans «{NB}mailto:{NB}» ni espaces.",
        id="bad-email",
    ),
    pytest.param(
        "id: ambrose-base-valid",
        "id: Ambrose_Base",
        ("bad-id", 3, 5, "id"),
        "`Ambrose_Base` is not a valid id for “Id” (`id`).",
        "Use 3 to 80 lowercase letters, digits and hyphens, starting with a letter, for example `ucalgary-energy-co-op`.",
        f"`Ambrose_Base` n'est pas un identifiant valide pour «{NB}Identifiant{NB}» (`id`).",
        "Utilisez de 3 à 80 lettres minuscules, chiffres et traits d'union, en commençant par une lettre, par exemple `ucalgary-coop-energie`.",
        id="bad-id",
    ),
    pytest.param(
        "    contact_email: coop@ambrose.example.ca",
        "    contact_email: coop@ambrose.example.ca\n    contact_phone: call us",
        ("bad-value", 14, 20, "institutions[0].contact_phone"),
        "“Contact phone” (`institutions[0].contact_phone`) has a value that is not allowed.",
        "The office's phone number.",
        f"«{NB}Téléphone de la personne-ressource{NB}» (`institutions[0].contact_phone`) a une valeur non permise.",
        "Le numéro de téléphone du bureau.",
        id="other-pattern-gives-the-fields-help",
    ),
    pytest.param(
        "title:\n  en: Data analyst co-op\n  fr: Stage coopératif en analyse de données",
        "title: {}",
        ("missing-language", 4, 8, "title"),
        "“Title of the opportunity” (`title`) needs at least one language: `en` or `fr`.",
        "Add an `en:` and/or `fr:` line under `title`.",
        f"«{NB}Titre de l'occasion{NB}» (`title`) doit avoir au moins une langue{NB}: `en` ou `fr`.",
        "Ajoutez une ligne `en:` et/ou `fr:` sous `title`.",
        id="missing-language",
    ),
    pytest.param(
        "    apply_url: https://careers.ambrose.example.ca/co-op\n    contact_office: Co-op office\n    contact_email: coop@ambrose.example.ca",
        "    contact_office: Co-op office",
        ("missing-contact", 10, 5, "institutions[0]"),
        "This institution entry says neither how to apply nor whom to contact.",
        "Add `apply_url` (a web page) or `contact_email` (an office address), or both.",
        "Cette entrée d'établissement n'indique ni comment postuler ni qui joindre.",
        "Ajoutez `apply_url` (une page Web) ou `contact_email` (une adresse de service), ou les deux.",
        id="missing-contact",
    ),
    pytest.param(
        "  en: Data analyst co-op",
        '  en: "Data\\aanalyst co-op"',
        ("bad-text", 5, 7, "title.en"),
        "“Title of the opportunity in English” (`title.en`) contains a control character (an invisible character, often pasted from another program).",
        "Retype the text, or remove the invisible character; descriptions accept plain text and simple Markdown.",
        f"«{NB}Titre de l'occasion en anglais{NB}» (`title.en`) contient un caractère de contrôle (un caractère invisible, souvent collé depuis un autre logiciel).",
        "Retapez le texte ou supprimez le caractère invisible; les descriptions acceptent le texte simple et le Markdown simple.",
        id="control-character",
    ),
    pytest.param(
        "  type: paid\n  amount_min: 24",
        "  type: unpaid\n  amount_max: 24",
        ("amount-without-pay", 24, 15, "compensation.amount_max"),
        "A pay amount is given but `compensation.type` is `unpaid`.",
        "Either set `compensation.type` to `paid` or `stipend`, or remove the amount.",
        "Un montant est indiqué, mais `compensation.type` vaut `unpaid`.",
        "Mettez `compensation.type` à `paid` ou `stipend`, ou supprimez le montant.",
        id="amount-without-pay-at-the-maximum-when-alone",
    ),
    pytest.param(
        "  type: paid\n  amount_min: 24",
        "  type: unpaid\n  amount_max: 30\n  amount_min: 24",
        ("amount-without-pay", 25, 15, "compensation.amount_min"),
        "A pay amount is given but `compensation.type` is `unpaid`.",
        "Either set `compensation.type` to `paid` or `stipend`, or remove the amount.",
        "Un montant est indiqué, mais `compensation.type` vaut `unpaid`.",
        "Mettez `compensation.type` à `paid` ou `stipend`, ou supprimez le montant.",
        id="amount-without-pay-at-the-minimum-when-both",
    ),
    pytest.param(
        "  amount_min: 24",
        "  amount_min: 24.0\n  amount_max: 22.5",
        ("bad-range", 25, 15, "compensation.amount_max"),
        "The minimum of “Pay” (`compensation`) (24) is larger than its maximum (22.5).",
        "Swap the two numbers.",
        f"Le minimum de «{NB}Rémunération{NB}» (`compensation`) (24) dépasse son maximum (22,5).",
        "Inversez les deux nombres.",
        id="range-reversed-at-the-maximum",
    ),
]


@pytest.mark.parametrize(("old", "new", "at", "en", "en_hint", "fr", "fr_hint"), CASES)
def test_each_error_is_one_problem_at_its_place_in_both_languages(
    tmp_path: Path,
    old: str,
    new: str,
    at: tuple[str, int, int, str],
    en: str,
    en_hint: str,
    fr: str,
    fr_hint: str,
) -> None:
    found = one(tmp_path, variant(old, new))
    assert where(found) == at
    assert found.path == "x.yaml"
    assert found.is_error
    assert found.text("en") == (en, en_hint)
    assert found.text("fr") == (fr, fr_hint)


def test_the_parameters_hold_what_staff_wrote(tmp_path: Path) -> None:
    """Numbers as written (24.0 was written 24), the limit, the counts and the suggestion, as data for tools."""
    found = one(tmp_path, variant("  amount_min: 24", "  amount_min: 24.0\n  amount_max: 22.5"))
    low, high = found.params["low"], found.params["high"]
    assert (type(low), low, type(high), high) == (int, 24, float, 22.5)
    assert found.params["key"] == "compensation"

    found = one(
        tmp_path,
        variant("work_arrangement: hybrid", "work_arrangement: hybrid\nduration:\n  value: 521.0\n  unit: weeks"),
    )
    assert where(found) == ("too-large", 28, 10, "duration.value")
    assert (type(found.params["value"]), found.params["value"], found.params["limit"]) == (int, 521, 520)
    assert found.params["key"] == "value"

    found = one(tmp_path, variant("sectors: [energy, technology]", "sectors: []"))
    assert (found.count, found.params["limit"], found.params["length"]) == (1, 1, 0)
    found = one(
        tmp_path,
        variant(
            "sectors: [energy, technology]", "sectors: [energy, technology, health, retail, education, arts-culture]"
        ),
    )
    assert (found.count, found.params["limit"], found.params["length"]) == (None, 5, 6)

    found = one(tmp_path, variant("  en: Data analyst co-op", "  en: Da"))
    assert (found.params["length"], found.params["limit"], found.params["key"]) == (2, 3, "en")

    found = one(tmp_path, variant("wil_type: co-op", "wil_type: coop"))
    assert (found.params["value"], found.params["best"], found.params["allowed"]) == ("coop", "co-op", WIL_TYPES)

    found = one(tmp_path, variant("  kind: employer", "  kind: employer\n  frist_time: true"))
    assert (found.params["best"], found.params["allowed"], found.params["key"]) == (
        "first_time",
        HOST_ALLOWED,
        "frist_time",
    )

    found = one(tmp_path, variant("start_date: 2027-05-03", "start_date: 2028-02-30"))
    assert (found.params["year"], found.params["days"], found.params["month"]) == (2028, 29, msg("month.2"))
    found = one(tmp_path, variant("start_date: 2027-05-03", "start_date: 2027-00-10"))
    assert (found.code, found.params["month"], found.params["value"]) == ("date-no-month", 0, "2027-00-10")

    found = one(tmp_path, variant("  type: paid\n  amount_min: 24", "  type: unpaid\n  amount_max: 24"))
    assert (found.params["low"], found.params["high"]) == (None, 24)


def test_a_value_at_an_exclusive_minimum_is_told_it_must_be_more(tmp_path: Path) -> None:
    """`gt=0`: "more than 0", never "at least 0" (a bound 0 meets)."""
    found = one(tmp_path, variant("work_arrangement: hybrid", "work_arrangement: hybrid\nhours_per_week: 0"))
    assert (found.code, found.params["value"], found.params["limit"]) == ("not-above", 0, 0)
    assert found.text("en") == (
        "“Hours per week” (`hours_per_week`) is 0; it must be more than 0.",
        "Check the number.",
    )
    assert found.text("fr") == (
        "«\u00a0Heures par semaine\u00a0» (`hours_per_week`) vaut 0; il doit être supérieur à 0.",
        "Vérifiez le nombre.",
    )


# --- the other models -------------------------------------------------------------------


def test_a_proposal_needs_whole_weeks(tmp_path: Path) -> None:
    text = (PROJECT_ROOT / "proposals" / "foothills-clinic-patient-survey.yaml").read_text("utf-8")
    found = one(tmp_path, variant("weeks: 12", "weeks: 12.5", text), ProjectProposal)
    assert where(found) == ("wrong-type", 17, 8, "weeks")
    assert found.text("en") == (
        "“Length in weeks” (`weeks`) should be a whole number, but it is the number 12.5.",
        "Write a plain number without quotes or units, for example 16.",
    )
    assert found.text("fr") == (
        f"«{NB}Durée en semaines{NB}» (`weeks`) devrait être un nombre entier, mais c'est le nombre 12,5.",
        "Écrivez un nombre seul, sans guillemets ni unité, par exemple 16.",
    )
    found = one(tmp_path, variant("weeks: 12", "weeks: 105", text), ProjectProposal)
    assert where(found) == ("too-large", 17, 8, "weeks")
    assert found.text("en")[0] == "“Length in weeks” (`weeks`) is 105; it must be at most 104."
    found = one(tmp_path, variant('start_month: "2027-01"', 'start_month: "2027-13"', text), ProjectProposal)
    assert where(found) == ("bad-value", 16, 14, "start_month")
    assert found.text("en") == (
        "“Start month” (`start_month`) has a value that is not allowed.",
        "When the work could start, as YYYY-MM (e.g. 2027-03).",
    )
    assert found.text("fr") == (
        f"«{NB}Mois de début{NB}» (`start_month`) a une valeur non permise.",
        "Quand le travail pourrait commencer, au format AAAA-MM (par exemple 2027-03).",
    )


def test_the_region_file_must_list_the_sites_languages(tmp_path: Path) -> None:
    text = (PROJECT_ROOT / "region.yaml").read_text("utf-8")
    found = one(tmp_path, variant("languages: [en, fr]", "languages: [en]", text), RegionSettings)
    assert where(found) == ("region-languages", 19, 12, "languages")
    assert (found.params["expected"], found.params["key"]) == ("en, fr", "")  # the whole file's error
    assert found.text("en") == (
        "`languages` must list exactly the languages the site is published in: en, fr.",
        "Adding a language needs its catalogue first (generator/locales); then list it here.",
    )
    assert found.text("fr") == (
        f"`languages` doit nommer exactement les langues dans lesquelles le site est publié{NB}: en, fr.",
        f"Ajouter une langue demande d'abord son catalogue (generator/locales){NB}; ajoutez-la ensuite ici.",
    )


def test_an_institution_file(tmp_path: Path) -> None:
    text = (PROJECT_ROOT / "institutions" / "ambrose.yaml").read_text("utf-8")
    found = one(
        tmp_path,
        variant('short_name: "Ambrose"', 'short_name: "Ambrose University of Calgary and Region"', text),
        Institution,
    )
    assert where(found) == ("too-long", 8, 13, "short_name")
    assert found.text("en") == (
        "“Short name” (`short_name`) is too long (40 characters, at most 30).",
        "Shorten it; long texts belong in the description.",
    )
    assert found.text("fr") == (
        f"«{NB}Nom court{NB}» (`short_name`) est trop long (40 caractères, au plus 30).",
        "Raccourcissez-le; les longs textes vont dans la description.",
    )
    found = one(tmp_path, variant('  - "@wil-directory/ambrose-maintainers"', '  - "not a handle!"', text), Institution)
    assert where(found) == ("bad-value", 20, 5, "maintainers[0]")
    assert found.params["description"] == ""  # an item has no help text of its own
    assert found.text("en")[0] == "“Maintainers, item 1” (`maintainers[0]`) has a value that is not allowed."
    assert found.text("fr")[0] == f"«{NB}Responsables, élément 1{NB}» (`maintainers[0]`) a une valeur non permise."


def test_a_valid_file_gives_its_record_and_no_problem(tmp_path: Path) -> None:
    record, found = fields.check(Opportunity, load(tmp_path, BASE))
    assert found == []
    assert isinstance(record, Opportunity)
    assert (record.id, record.host.name, record.compensation.amount_min) == (
        "ambrose-base-valid",
        "Prairie Pipeline Analytics Inc.",
        24,
    )


# --- one mistake, one message (check) ---------------------------------------------------


def test_an_error_the_loader_already_reported_is_not_reported_again(tmp_path: Path) -> None:
    loaded = load(tmp_path, variant("  kind: employer", "  kind: employer\n  first_time: yes"))
    assert [(p.code, p.field) for p in loaded.problems] == [("ambiguous-boolean", "host.first_time")]
    assert fields.check(Opportunity, loaded) == (None, [])


def test_an_error_at_a_block_holding_what_the_loader_reported_is_dropped(tmp_path: Path) -> None:
    """An empty `title.en` leaves `title` with no language: the loader's message is the one."""
    loaded = load(tmp_path, variant("  en: Data analyst co-op\n  fr: Stage coopératif en analyse de données", "  en:"))
    assert [(p.code, p.field) for p in loaded.problems] == [("empty-value", "title.en")]
    assert fields.check(Opportunity, loaded) == (None, [])
    loaded = load(tmp_path, variant("audience: [students]", "audience:\n  - students\n  - employers\n  -"))
    assert [(p.code, p.field) for p in loaded.problems] == [("empty-value", "audience[2]")]
    assert fields.check(Opportunity, loaded) == (None, [])  # `audience` has three items, one of them the empty one


def test_a_field_sharing_a_prefix_with_a_reported_one_is_still_reported(tmp_path: Path) -> None:
    """The loader's problem in `host_commitment` says nothing about a missing `host`."""
    text = variant(
        "host:\n  name: Prairie Pipeline Analytics Inc.\n  kind: employer", "host_commitment:\n  hours_total: yes"
    )
    loaded = load(tmp_path, text)
    assert [(p.code, p.field) for p in loaded.problems] == [("ambiguous-boolean", "host_commitment.hours_total")]
    record, found = fields.check(Opportunity, loaded)
    assert record is None
    assert [where(p) for p in found] == [("missing-field", 3, 1, "host")]


def test_a_misspelt_field_hides_the_missing_one_beside_it(tmp_path: Path) -> None:
    found = problems(tmp_path, variant("host:\n  name:", "hots:\n  name:"))
    assert [where(p) for p in found] == [("unknown-field", 14, 1, "hots")]
    assert found[0].params["best"] == "host"
    found = problems(tmp_path, variant("  name: Prairie", "  nmae: Prairie"))
    assert [where(p) for p in found] == [("unknown-field", 15, 3, "host.nmae")]
    assert found[0].params["best"] == "name"


def test_an_unknown_field_with_no_suggestion_hides_nothing(tmp_path: Path) -> None:
    found = problems(tmp_path, variant("host:\n  name:", "qqqqqq:\n  name:"))
    assert sorted(where(p) for p in found) == [("missing-field", 3, 1, "host"), ("unknown-field", 14, 1, "qqqqqq")]


def test_a_misspelling_elsewhere_does_not_hide_a_missing_field(tmp_path: Path) -> None:
    """`hots` in `location` (suggesting nothing there) says nothing of the missing top-level `host`."""
    text = variant("host:\n  name: Prairie Pipeline Analytics Inc.\n  kind: employer\n", "")
    text = variant("  city: Calgary", "  city: Calgary\n  cty: Banff", text)
    found = problems(tmp_path, text)
    assert sorted(where(p) for p in found) == [
        ("missing-field", 3, 1, "host"),
        ("unknown-field", 26, 3, "location.cty"),
    ]
    assert {p.code: p.params.get("best") for p in found}["unknown-field"] == "city"


def test_several_mistakes_are_all_reported_at_once(tmp_path: Path) -> None:
    text = variant("wil_type: co-op", "wil_type: coop")
    text = variant("start_date: 2027-05-03", "start_date: 2027-13-03", text)
    found = problems(tmp_path, text)
    assert sorted(where(p) for p in found) == [
        ("date-no-month", 19, 13, "start_date"),
        ("unknown-value", 17, 11, "wil_type"),
    ]


# --- explain, for errors the files above cannot raise -------------------------------------


def _explain(tmp_path: Path, kind: str, loc: tuple[str | int, ...], value: Any, **ctx: Any) -> Problem:
    error: dict[str, Any] = {"type": kind, "loc": loc, "input": value}
    if ctx:
        error["ctx"] = ctx
    return fields.explain(Opportunity, load(tmp_path, BASE), error)


def test_explain_a_short_date_is_a_date_problem(tmp_path: Path) -> None:
    found = _explain(tmp_path, "string_too_short", ("start_date",), "", min_length=1)
    assert where(found) == ("bad-date", 19, 13, "start_date")
    assert found.params["value"] == ""


def test_explain_too_short_and_too_long_without_a_format(tmp_path: Path) -> None:
    found = _explain(tmp_path, "string_too_short", ("host", "name"), "X", min_length=2)
    assert where(found) == ("too-short", 15, 9, "host.name")
    assert (found.params["length"], found.params["limit"]) == (1, 2)
    found = _explain(tmp_path, "string_too_long", ("host", "name"), 12, max_length=160)
    assert where(found) == ("too-long", 15, 9, "host.name")
    assert (found.params["length"], found.params["limit"]) == (0, 160)  # not text: no length to tell


def test_explain_list_lengths_of_what_is_not_a_list(tmp_path: Path) -> None:
    found = _explain(tmp_path, "too_long", ("sectors",), "energy", max_length=5)
    assert (found.code, found.params["limit"], found.params["length"], found.count) == ("too-many-items", 5, "", None)
    found = _explain(tmp_path, "too_short", ("sectors",), [], min_length=2)
    assert (found.code, found.params["limit"], found.params["length"], found.count) == ("too-few-items", 2, 0, 2)
    assert found.text("en")[0] == "“Sectors” (`sectors`) needs at least 2 items."
    assert found.text("fr")[0] == f"«{NB}Secteurs{NB}» (`sectors`) doit avoir au moins 2 éléments."


def test_explain_exclusive_and_inclusive_bounds(tmp_path: Path) -> None:
    loc = ("hours_per_week",)
    for kind, ctx, code in (
        ("greater_than", {"gt": 1.0}, "not-above"),
        ("greater_than_equal", {"ge": 2.0}, "too-small"),
        ("less_than", {"lt": 3.0}, "not-below"),
        ("less_than_equal", {"le": 4.5}, "too-large"),
    ):
        found = _explain(tmp_path, kind, loc, 16.0, **ctx)
        limit = next(iter(ctx.values()))
        assert (found.code, found.params["value"], found.params["limit"]) == (code, 16, limit)
        assert type(found.params["value"]) is int
        assert type(found.params["limit"]) is (float if limit == 4.5 else int)


def test_explain_without_the_limits_in_its_context(tmp_path: Path) -> None:
    """An error without its context still gives a problem (with nothing for the missing limit)."""
    found = _explain(tmp_path, "string_too_short", ("host", "name"), "X")
    assert (found.code, found.params["limit"]) == ("too-short", "")
    found = _explain(tmp_path, "too_short", ("sectors",), [])
    assert (found.code, found.params["limit"], found.count) == ("too-few-items", 0, 0)
    found = _explain(tmp_path, "too_long", ("sectors",), [1])
    assert (found.code, found.params["limit"], found.params["length"]) == ("too-many-items", 0, 1)
    found = _explain(tmp_path, "greater_than", ("hours_per_week",), 0)
    assert (found.code, found.params["limit"]) == ("not-above", "")
    found = _explain(tmp_path, "less_than_equal", ("hours_per_week",), 99)
    assert (found.code, found.params["limit"]) == ("too-large", "")
    found = _explain(tmp_path, "unsupported_languages", (), {})
    assert (found.code, found.field, found.params["expected"]) == ("region-languages", "languages", "")


def test_explain_an_enum_and_other_block_types(tmp_path: Path) -> None:
    found = _explain(tmp_path, "enum", ("host", "kind"), False)
    assert (found.code, found.params["value"], found.params["best"]) == ("unknown-value", "false", "")
    assert found.params["allowed"] == "`employer`, `non-profit`, `public-body`, `institution-program`"
    found = _explain(tmp_path, "enum", ("host", "kind"), "employeur")
    assert (found.params["value"], found.params["best"]) == ("employeur", "employer")
    for kind in ("dict_type", "model_attributes_type"):
        found = _explain(tmp_path, kind, ("location",), 7)
        assert found.code == "wrong-type"
        assert found.params["expected"] == msg("type.block")
        assert found.params["type_hint"] == msg("typehint.block", key="location")
    found = _explain(tmp_path, "float_type", ("compensation", "amount_min"), "24 $")
    assert found.params["expected"] == msg("type.number")
    assert found.params["found"] == msg("found.text", value="24 $")
    assert found.params["type_hint"] == msg("typehint.number", key="amount_min")


def test_explain_an_error_it_does_not_know_gives_the_fields_help(tmp_path: Path) -> None:
    found = _explain(tmp_path, "something_new", ("wil_type",), "x")
    assert where(found) == ("bad-value", 17, 11, "wil_type")
    assert found.text("en") == (
        "“Type of work-integrated learning” (`wil_type`) has a value that is not allowed.",
        fields.field_help(Opportunity, ("wil_type",)).render("en"),  # type: ignore[union-attr]
    )
    assert found.params["description"] == msg("field.Opportunity.wil_type.help")
    found = _explain(tmp_path, "string_pattern_mismatch", ("location", "city"), "x")
    assert (found.code, found.params["description"]) == ("bad-value", msg("field.Location.city.help"))


def test_explain_a_missing_field_of_a_missing_block_is_at_the_top(tmp_path: Path) -> None:
    found = _explain(tmp_path, "missing", ("duration", "unit"), {})
    assert where(found) == ("missing-field", 3, 1, "duration.unit")
    assert found.params["key"] == "unit"


# --- the helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(16.0, 16), (22.5, 22.5), (16, 16), (0.0, 0), (-3.0, -3), ("16.0", "16.0"), (True, True), (None, None)],
)
def test_number_drops_the_decimal_point_only_of_whole_floats(value: Any, expected: Any) -> None:
    got = fields._number(value)
    assert (type(got), got) == (type(expected), expected)


@pytest.mark.parametrize(
    ("value", "expected", "en", "fr"),
    [
        (True, msg("found.bool", value="true"), "`true`", "`true`"),
        (False, msg("found.bool", value="false"), "`false`", "`false`"),
        (3, msg("found.number", value=3), "the number 3", "le nombre 3"),
        (2.5, msg("found.number", value=2.5), "the number 2.5", "le nombre 2,5"),
        ("x" * 40, msg("found.text", value="x" * 40), f"the text `{'x' * 40}`", f"le texte `{'x' * 40}`"),
        ("x" * 41, msg("found.long-text"), "a text", "un texte"),
        ("", msg("found.text", value=""), "the text ``", "le texte ``"),
        ([1], msg("found.list"), "a list", "une liste"),
        ({"a": 1}, msg("found.block"), "a block of fields", "un bloc de champs"),
        (None, msg("found.other"), "something else", "autre chose"),
    ],
)
def test_found_names_each_kind_of_value(value: Any, expected: Any, en: str, fr: str) -> None:
    found = fields._found(value)
    assert found == expected
    assert (found.render("en"), found.render("fr")) == (en, fr)


def test_type_hint_for_each_kind() -> None:
    long_text = "Data analyst co-op for the pipeline operators"
    assert fields._type_hint("model_type", long_text, ("title",)) == msg(
        "typehint.block-from-text", key="title", value=long_text[:30]
    )
    assert fields._type_hint("dict_type", "abc", ("host",)) == msg("typehint.block-from-text", key="host", value="abc")
    assert fields._type_hint("model_type", ["abc"], ("host",)) == msg("typehint.block", key="host")
    assert fields._type_hint("list_type", "energy", ("sectors",)) == msg("typehint.list", key="sectors")
    assert fields._type_hint("list_type", "energy", ("skills", "en")) == msg("typehint.list", key="en")
    assert fields._type_hint("string_type", 5, ("sectors", 0)) == msg("typehint.text", key="0")
    assert fields._type_hint("bool_type", "x", ()) == msg("typehint.bool", key="")
    assert fields._type_hint("int_type", "x", ("weeks",)) == msg("typehint.number", key="weeks")


def test_value_at_follows_blocks_and_lists_and_gives_none_when_lost() -> None:
    data = {"institutions": [{"apply_url": "u"}, {"contact_email": "e"}], "title": "t"}
    assert fields._value_at(data, ("institutions", 1, "contact_email")) == "e"
    assert fields._value_at(data, ()) is data
    assert fields._value_at(data, ("institutions", 2)) is None  # IndexError
    assert fields._value_at(data, ("host", "name")) is None  # KeyError
    assert fields._value_at(data, ("title", "en")) is None  # TypeError: a text has no field
    assert fields._value_at(data, ("institutions", "x")) is None  # TypeError: a list has no field
    assert fields._value_at(None, ("a",)) is None


@pytest.mark.parametrize(
    ("key", "parent", "expected"),
    [
        ("frist_time", ("host",), "first_time"),  # a near miss
        ("nmae", ("host",), "name"),
        ("qqqqqq", ("host",), ""),  # nothing near
        ("websiteurl", ("host",), "website"),  # near enough
        ("web", ("host",), ""),  # too far from `website` for the cutoff
        ("date_limite", (), "application_deadline"),  # a French column's name, at the top
        ("Date limite", (), "application_deadline"),
        ("deadline", (), "application_deadline"),  # another name of that column
        ("type_hote", ("host",), "kind"),  # a column's name inside its block
        ("host_kind", (), "host"),  # ... and at the top: the block it belongs in
        ("host", ("host",), "name"),
        ("lien_candidature", ("institutions", 0), "apply_url"),
        ("lien_candidature", (), "institutions"),
        ("type_hote", ("location",), ""),  # a column of another block: not here
        ("wil_type", ("wil_type",), ""),  # the column is the parent itself: nothing inside to suggest
    ],
)
def test_unknown_field_suggestion(key: str, parent: tuple[str | int, ...], expected: str) -> None:
    node = fields.schema_at(Opportunity, parent) or {}
    allowed = sorted(node.get("properties", {}))
    assert fields._unknown_field_suggestion(key, parent, allowed) == expected


def test_unknown_field_suggestion_without_choices() -> None:
    assert fields._unknown_field_suggestion("frist_time", ("host",), []) == ""
    assert fields._unknown_field_suggestion("xyz", (), ["xyz1"]) == "xyz1"


def test_a_column_name_in_the_second_offering_is_suggested_too() -> None:
    allowed = sorted((fields.schema_at(Opportunity, ("institutions", 1)) or {}).get("properties", {}))
    assert fields._unknown_field_suggestion("lien_candidature", ("institutions", 1), allowed) == "apply_url"


@pytest.mark.parametrize(
    ("path", "field", "inside"),
    [
        ("host", "host", True),
        ("host.name", "host", True),
        ("host_commitment.hours_total", "host_commitment", True),
        ("host_commitment.hours_total", "host", False),
        ("host_commitment", "host", False),
        ("hostx", "host", False),
        ("sectors[0]", "sectors", True),
        ("sectors", "sectors[0]", False),
        ("host", "host.name", False),
        ("institutions[0].apply_url", "institutions[0]", True),
        ("institutions[10]", "institutions[1]", False),
        ("", "host", False),
    ],
)
def test_inside(path: str, field: str, inside: bool) -> None:
    assert fields._inside(path, field) is inside


@pytest.mark.parametrize(
    ("model", "loc", "en", "fr"),
    [
        (Opportunity, ("host",), "“Host organisation” (`host`)", f"«{NB}Organisme hôte{NB}» (`host`)"),
        (Opportunity, ("host", "kind"), "“Kind of host” (`host.kind`)", f"«{NB}Type d'hôte{NB}» (`host.kind`)"),
        (
            Opportunity,
            ("title", "fr"),
            "“Title of the opportunity in French” (`title.fr`)",
            f"«{NB}Titre de l'occasion en français{NB}» (`title.fr`)",
        ),
        (
            Opportunity,
            ("institutions", 1),
            "“Offering institutions, item 2” (`institutions[1]`)",
            f"«{NB}Établissements qui l'offrent, élément 2{NB}» (`institutions[1]`)",
        ),
        (
            Opportunity,
            ("institutions", 1, "apply_url"),
            "“How to apply” (`institutions[1].apply_url`)",
            f"«{NB}Comment postuler{NB}» (`institutions[1].apply_url`)",
        ),
        (
            Opportunity,
            ("skills", "fr", 0),
            "“Skills developed in French, item 1” (`skills.fr[0]`)",
            f"«{NB}Compétences développées en français, élément 1{NB}» (`skills.fr[0]`)",
        ),
        (
            Opportunity,
            ("host_commitment", "cost", "en"),
            "“Cost to the host in English” (`host_commitment.cost.en`)",
            f"«{NB}Coût pour l'hôte en anglais{NB}» (`host_commitment.cost.en`)",
        ),
        (Title, ("en",), "“English” (`en`)", f"«{NB}Anglais{NB}» (`en`)"),  # a language first: its own label
        (Host, ("kind",), "“Kind of host” (`kind`)", f"«{NB}Type d'hôte{NB}» (`kind`)"),
        (Opportunity, ("host", "nope"), "`host.nope`", "`host.nope`"),  # not a field: its path
        (Opportunity, ("id", "x"), "`id.x`", "`id.x`"),  # nothing inside a text
        (Opportunity, (0,), "`[0]`", "`[0]`"),  # an item of nothing named
        (Opportunity, (), "``", "``"),
    ],
)
def test_field_ref_names_a_field_by_its_label_then_its_path(
    model: Any, loc: tuple[str | int, ...], en: str, fr: str
) -> None:
    ref = fields.field_ref(model, loc)
    assert (ref.render("en"), ref.render("fr")) == (en, fr)


def test_label_is_a_message_or_none() -> None:
    assert fields._label(Opportunity, ("host", "kind")) == msg("field.Host.kind")
    assert fields._label(Opportunity, ("title", "en")) == msg(
        "field.in-language", label=msg("field.Opportunity.title"), language=msg("language.en")
    )
    assert fields._label(Opportunity, ("sectors", 2)) == msg(
        "field.item", label=msg("field.Opportunity.sectors"), number=3
    )
    assert fields._label(Opportunity, ("nope",)) is None
    assert fields._label(Opportunity, (0, "host")) == msg("field.Opportunity.host")
    assert fields._label(Opportunity, ()) is None


@pytest.mark.parametrize(
    ("model", "loc", "expected"),
    [
        (Opportunity, ("host", "kind"), msg("field.Host.kind.help")),
        (Opportunity, ("institutions", 1, "apply_url"), msg("field.Offering.apply_url.help")),
        (Opportunity, ("host_commitment", "cost", "fr"), msg("field.ShortText.fr.help")),
        (Opportunity, ("wil_type",), msg("field.Opportunity.wil_type.help")),
        (Institution, ("maintainers", 0), ""),  # an item: no help of its own
        (Opportunity, ("host", "nope"), ""),
        (Opportunity, ("nope", "name"), ""),
        (Opportunity, ("id", "name"), ""),  # a text has no fields
        (Opportunity, (), ""),
    ],
)
def test_field_help(model: Any, loc: tuple[str | int, ...], expected: Any) -> None:
    assert fields.field_help(model, loc) == expected


def test_field_help_reads_in_both_languages() -> None:
    found = fields.field_help(Opportunity, ("institutions", 0, "apply_url"))
    assert not isinstance(found, str)
    assert found.render("en") == "The page where students apply or employers sign up. Must start with https://."
    assert found.render("fr") == (
        "La page où les étudiants postulent ou les employeurs s'inscrivent. Doit commencer par https://."
    )


def test_schema_at_follows_references_into_lists_and_blocks() -> None:
    node = fields.schema_at(Opportunity, ("institutions", 1, "apply_url"))
    assert node is not None
    assert (node["format"], node["maxLength"], node["title"]) == ("uri", 500, "How to apply")
    node = fields.schema_at(Opportunity, ("host", "kind"))
    assert node is not None
    assert node["enum"] == ["employer", "non-profit", "public-body", "institution-program"]
    node = fields.schema_at(Opportunity, ("title",))  # allOf: the block's fields, the field's own words
    assert node is not None
    assert sorted(node["properties"]) == ["en", "fr"]
    assert node["description"] == "What it is, in a few words: `en:` and/or `fr:`."
    assert node["title"] == "Title of the opportunity"
    assert "allOf" not in node and "$ref" not in node
    node = fields.schema_at(Opportunity, ("sectors", 0))
    assert node is not None
    assert node["enum"][:2] == ["agriculture", "energy"]
    node = fields.schema_at(Opportunity, ("duration", "value"))
    assert node is not None
    assert (node["exclusiveMinimum"], node["maximum"]) == (0, 520)
    node = fields.schema_at(Opportunity, ())
    assert node is not None
    assert "wil_type" in node["properties"]
    assert fields.schema_at(Opportunity, ("host", "nope")) is None
    assert fields.schema_at(Opportunity, ("nope", "x")) is None
    assert fields.schema_at(Opportunity, ("id", "x")) is None
    node = fields.schema_at(RegionSettings, ("contact", "office", "fr"))
    assert node is not None
    assert node["type"] == "string"


def test_did_you_mean_ignores_case_spaces_and_punctuation_before_guessing() -> None:
    from generator.validate.suggest import closest

    types = ["co-op", "internship", "practicum"]
    assert closest("Co op", types) == closest("CO-OP", types) == closest("coop", types) == "co-op"
    assert closest("C O O P", types, cutoff=100) == "co-op"  # the same letters are the same value, not a guess
    assert closest("practicm", types) == "practicum"
    assert closest("apprenticeship", types) is None  # nothing close enough: no guess
    assert closest("co-op", []) is None
    assert closest(7, types) is None  # type: ignore[arg-type]  # a number typed where a word was expected
