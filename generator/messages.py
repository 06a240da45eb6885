"""Plain-language messages for every problem code, in English and French.

Institution staff read these, not developers: each says what is wrong and
how to fix it, never a Python repr or a regular expression. Templates use
`str.format` fields filled from a problem's parameters.
"""

from __future__ import annotations

import os

# code: (message_en, hint_en, message_fr, hint_fr)
CATALOGUE: dict[str, tuple[str, str, str, str]] = {
    # --- reading the file -------------------------------------------------
    "file-too-large": (
        "This file is {size} bytes; the limit is {limit} bytes.",
        "An opportunity fits in a few kilobytes: shorten the description or split the file.",
        "Ce fichier fait {size} octets; la limite est de {limit} octets.",
        "Une occasion tient en quelques kilo-octets : raccourcissez la description ou divisez le fichier.",
    ),
    "not-utf8": (
        "This file is not valid UTF-8 text (a byte at this position cannot be read).",
        "Save the file as UTF-8 in your editor (in Excel: 'CSV UTF-8'; in Notepad: encoding 'UTF-8').",
        "Ce fichier n'est pas un texte UTF-8 valide (un octet à cet endroit est illisible).",
        "Enregistrez le fichier en UTF-8 dans votre éditeur.",
    ),
    "yaml-syntax": (
        "The file cannot be read as YAML: {detail}.",
        "Check the indentation (spaces, not tabs) and that every text containing ': ' or '#' is in quotes.",
        "Le fichier n'est pas du YAML lisible : {detail}.",
        "Vérifiez l'indentation (des espaces, pas des tabulations) et mettez entre guillemets les textes qui contiennent « : » ou « # ».",
    ),
    "multiple-documents": (
        "This file holds more than one YAML document (a second '---' starts another).",
        "Keep one opportunity per file: remove the extra '---' line or move the second part to its own file.",
        "Ce fichier contient plusieurs documents YAML (un second « --- » en commence un autre).",
        "Une occasion par fichier : supprimez la ligne « --- » en trop ou déplacez la seconde partie dans son propre fichier.",
    ),
    "empty-file": (
        "This file is empty.",
        "Start from an existing file or run `wil new <institution>` to get a filled-in template.",
        "Ce fichier est vide.",
        "Partez d'un fichier existant ou lancez `wil new <établissement>` pour obtenir un modèle.",
    ),
    "not-a-mapping": (
        "The file must be a list of fields (`name: value` lines), but it starts with {found}.",
        "Write one `field: value` per line at the left margin, like the other files in this folder.",
        "Le fichier doit être une liste de champs (lignes « nom: valeur »), mais il commence par {found}.",
        "Écrivez un « champ: valeur » par ligne à la marge gauche, comme les autres fichiers du dossier.",
    ),
    "duplicate-key": (
        "`{field}` appears twice in the same block (first on line {first_line}).",
        "Keep one `{key}` line and delete the other; otherwise one of the two values would be silently lost.",
        "`{field}` apparaît deux fois dans le même bloc (d'abord à la ligne {first_line}).",
        "Gardez une seule ligne `{key}` et supprimez l'autre; sinon l'une des deux valeurs serait perdue.",
    ),
    "anchor": (
        "YAML anchors and aliases (`&name`, `*name`) are not allowed.",
        "Write the value out in full where it is needed; if you meant the character itself, put the text in quotes.",
        "Les ancres et alias YAML (`&nom`, `*nom`) ne sont pas permis.",
        "Écrivez la valeur en entier là où elle sert; si vous vouliez le caractère lui-même, mettez le texte entre guillemets.",
    ),
    "tag": (
        "YAML tags such as `{tag}` are not allowed.",
        "Remove the tag; if the value is text, put it in quotes instead.",
        "Les étiquettes YAML comme `{tag}` ne sont pas permises.",
        "Supprimez l'étiquette; si la valeur est du texte, mettez-la entre guillemets.",
    ),
    "ambiguous-boolean": (
        "`{value}` is ambiguous: YAML may read it as yes/no.",
        'Write `true` or `false` for a yes/no field, or put the text in quotes ("{value}") if you mean the word.',
        "`{value}` est ambigu : YAML pourrait le lire comme oui/non.",
        'Écrivez `true` ou `false` pour un champ oui/non, ou mettez le texte entre guillemets ("{value}") si vous voulez le mot.',
    ),
    "empty-value": (
        "`{field}` has no value.",
        "Fill it in, or delete the whole line if the field does not apply.",
        "`{field}` n'a pas de valeur.",
        "Remplissez-le, ou supprimez toute la ligne si le champ ne s'applique pas.",
    ),
    "non-text-key": (
        "A field name must be a plain word, not a list or a block.",
        "Check the indentation of this line: it may belong to the line above.",
        "Un nom de champ doit être un mot simple, pas une liste ni un bloc.",
        "Vérifiez l'indentation de cette ligne : elle appartient peut-être à la ligne précédente.",
    ),
    "too-deep": (
        "The file is nested more than {limit} levels deep.",
        "Opportunity files need at most three levels of indentation; check the indentation.",
        "Le fichier est imbriqué sur plus de {limit} niveaux.",
        "Les fichiers d'occasion ont au plus trois niveaux d'indentation; vérifiez l'indentation.",
    ),
    # --- fields ----------------------------------------------------------
    "unknown-field": (
        "`{field}` is not a field this directory knows.",
        "{suggestion}Allowed here: {allowed}.",
        "`{field}` n'est pas un champ connu de l'annuaire.",
        "{suggestion}Champs permis ici : {allowed}.",
    ),
    "missing-field": (
        "The required field `{field}` is missing.",
        "Add a `{key}:` line. {description}",
        "Le champ obligatoire `{field}` est absent.",
        "Ajoutez une ligne `{key}:`. {description}",
    ),
    "wrong-type": (
        "`{field}` should be {expected}, but it is {found}.",
        "{type_hint}",
        "`{field}` devrait être {expected}, mais c'est {found}.",
        "{type_hint}",
    ),
    "unknown-value": (
        "`{value}` is not an allowed value for `{field}`.",
        "{suggestion}Allowed values: {allowed}.",
        "`{value}` n'est pas une valeur permise pour `{field}`.",
        "{suggestion}Valeurs permises : {allowed}.",
    ),
    "too-short": (
        "`{field}` is too short ({length} characters, at least {limit}).",
        "Write a little more so that readers understand it.",
        "`{field}` est trop court ({length} caractères, au moins {limit}).",
        "Écrivez-en un peu plus pour que les lecteurs comprennent.",
    ),
    "too-long": (
        "`{field}` is too long ({length} characters, at most {limit}).",
        "Shorten it; long texts belong in the description.",
        "`{field}` est trop long ({length} caractères, au plus {limit}).",
        "Raccourcissez-le; les longs textes vont dans la description.",
    ),
    "too-few-items": (
        "`{field}` needs at least {limit} item(s).",
        "Add an item as a line starting with '- '.",
        "`{field}` doit avoir au moins {limit} élément(s).",
        "Ajoutez un élément sur une ligne commençant par « - ».",
    ),
    "too-many-items": (
        "`{field}` has {length} items; the limit is {limit}.",
        "Keep the most relevant ones.",
        "`{field}` a {length} éléments; la limite est de {limit}.",
        "Gardez les plus pertinents.",
    ),
    "duplicate-item": (
        "`{field}` lists the same value more than once.",
        "Remove the repeated line.",
        "`{field}` contient la même valeur plus d'une fois.",
        "Supprimez la ligne répétée.",
    ),
    "too-small": (
        "`{field}` is {value}; it must be at least {limit}.",
        "Check the number.",
        "`{field}` vaut {value}; il doit être d'au moins {limit}.",
        "Vérifiez le nombre.",
    ),
    "too-large": (
        "`{field}` is {value}; it must be at most {limit}.",
        "Check the number and its unit.",
        "`{field}` vaut {value}; il doit être d'au plus {limit}.",
        "Vérifiez le nombre et son unité.",
    ),
    "bad-date": (
        "`{value}` is not a valid date for `{field}`.",
        "Write the date as YEAR-MONTH-DAY with four, two and two digits, for example 2027-01-15.",
        "`{value}` n'est pas une date valide pour `{field}`.",
        "Écrivez la date sous la forme ANNÉE-MOIS-JOUR, par exemple 2027-01-15.",
    ),
    "bad-url": (
        "`{value}` is not a web address this directory accepts for `{field}`.",
        "Use a full address that starts with https:// (or http://), with no spaces.",
        "`{value}` n'est pas une adresse Web acceptée pour `{field}`.",
        "Utilisez une adresse complète qui commence par https:// (ou http://), sans espaces.",
    ),
    "bad-email": (
        "`{value}` is not a valid email address for `{field}`.",
        "Write an office address such as wil-office@example.ca, without 'mailto:' or spaces.",
        "`{value}` n'est pas une adresse courriel valide pour `{field}`.",
        "Écrivez une adresse de service comme ait@exemple.ca, sans « mailto: » ni espaces.",
    ),
    "bad-id": (
        "`{value}` is not a valid id for `{field}`.",
        "Use 3 to 80 lowercase letters, digits and hyphens, starting with a letter, for example `ucalgary-energy-co-op`.",
        "`{value}` n'est pas un identifiant valide pour `{field}`.",
        "Utilisez de 3 à 80 lettres minuscules, chiffres et traits d'union, en commençant par une lettre, par exemple `ucalgary-coop-energie`.",
    ),
    "bad-text": (
        "`{field}` contains characters that are not allowed ({detail}).",
        "Remove control characters and HTML tags; descriptions accept plain text and simple Markdown.",
        "`{field}` contient des caractères interdits ({detail}).",
        "Supprimez les caractères de contrôle et les balises HTML; les descriptions acceptent le texte simple et le Markdown simple.",
    ),
    "bad-value": (
        "`{field}` has a value that is not allowed.",
        "{description}",
        "`{field}` a une valeur non permise.",
        "{description}",
    ),
    "missing-language": (
        "`{field}` needs at least one language: `en` or `fr`.",
        "Add an `en:` and/or `fr:` line under `{key}`.",
        "`{field}` doit avoir au moins une langue : `en` ou `fr`.",
        "Ajoutez une ligne `en:` et/ou `fr:` sous `{key}`.",
    ),
    "missing-contact": (
        "This institution entry says neither how to apply nor whom to contact.",
        "Add `apply_url` (a web page) or `contact_email` (an office address), or both.",
        "Cette entrée d'établissement n'indique ni comment postuler ni qui joindre.",
        "Ajoutez `apply_url` (une page Web) ou `contact_email` (une adresse de service), ou les deux.",
    ),
    "amount-without-pay": (
        "A pay amount is given but `compensation.type` is `unpaid`.",
        "Either set `compensation.type` to `paid` or `stipend`, or remove the amount.",
        "Un montant est indiqué, mais `compensation.type` vaut `unpaid`.",
        "Mettez `compensation.type` à `paid` ou `stipend`, ou supprimez le montant.",
    ),
    "bad-range": (
        "`{field}` minimum ({low}) is larger than its maximum ({high}).",
        "Swap the two numbers.",
        "Le minimum de `{field}` ({low}) dépasse son maximum ({high}).",
        "Inversez les deux nombres.",
    ),
    # --- rules across fields and files ------------------------------------
    "end-before-start": (
        "The end date {end} is before the start date {start}.",
        "Check both dates (YEAR-MONTH-DAY).",
        "La date de fin {end} précède la date de début {start}.",
        "Vérifiez les deux dates (ANNÉE-MOIS-JOUR).",
    ),
    "deadline-after-end": (
        "The application deadline {deadline} is after the end date {end}.",
        "A deadline must fall before the opportunity ends; check both dates.",
        "La date limite {deadline} est postérieure à la date de fin {end}.",
        "La date limite doit précéder la fin de l'occasion; vérifiez les deux dates.",
    ),
    "duplicate-id": (
        "The id `{value}` is also used by {other}.",
        "Every opportunity needs its own id: rename this one (and its file). If both describe the same opportunity, keep one and use `same_as`.",
        "L'identifiant `{value}` est aussi utilisé par {other}.",
        "Chaque occasion a son propre identifiant : renommez celle-ci (et son fichier). S'il s'agit de la même occasion, gardez-en une et utilisez `same_as`.",
    ),
    "unknown-institution": (
        "No institution has the id `{value}`.",
        "{suggestion}Known institutions: {allowed}.",
        "Aucun établissement n'a l'identifiant `{value}`.",
        "{suggestion}Établissements connus : {allowed}.",
    ),
    "wrong-folder": (
        "This file is in the folder of `{folder}`, but `{value}` is not one of its institutions.",
        "Move the file to opportunities/{expected}/ or list `{folder}` under `institutions`.",
        "Ce fichier est dans le dossier de `{folder}`, mais `{value}` n'en fait pas partie.",
        "Déplacez le fichier dans opportunities/{expected}/ ou ajoutez `{folder}` sous `institutions`.",
    ),
    "filename-mismatch": (
        "The file is named `{filename}` but its id is `{value}`.",
        "Rename the file to `{value}.yaml`, or change the id to `{stem}`.",
        "Le fichier s'appelle `{filename}`, mais son identifiant est `{value}`.",
        "Renommez le fichier en `{value}.yaml`, ou changez l'identifiant en `{stem}`.",
    ),
    "unknown-folder": (
        "The folder `opportunities/{folder}/` does not belong to any institution.",
        "{suggestion}Each institution's folder is named after its file in institutions/: {allowed}.",
        "Le dossier `opportunities/{folder}/` n'appartient à aucun établissement.",
        "{suggestion}Le dossier de chaque établissement porte le nom de son fichier dans institutions/ : {allowed}.",
    ),
    "misplaced-file": (
        "This file is not where data files go.",
        "Opportunities go in opportunities/<institution-id>/<id>.yaml and institutions in institutions/<id>.yaml.",
        "Ce fichier n'est pas à l'emplacement des fichiers de données.",
        "Les occasions vont dans opportunities/<établissement>/<id>.yaml et les établissements dans institutions/<id>.yaml.",
    ),
    "unknown-same-as": (
        "`same_as` points at `{value}`, but no opportunity has that id.",
        "{suggestion}Use the id of the other institution's file (its file name without .yaml).",
        "`same_as` désigne `{value}`, mais aucune occasion n'a cet identifiant.",
        "{suggestion}Utilisez l'identifiant du fichier de l'autre établissement (son nom sans .yaml).",
    ),
    "same-as-self": (
        "`same_as` points at this opportunity itself.",
        "Remove `same_as`, or point it at the other institution's opportunity.",
        "`same_as` désigne cette occasion elle-même.",
        "Supprimez `same_as`, ou indiquez l'occasion de l'autre établissement.",
    ),
    # --- warnings --------------------------------------------------------
    "missing-french": (
        "`{field}` has no French version.",
        "Add an `fr:` line so French-speaking readers see it in their language.",
        "`{field}` n'a pas de version française.",
        "Ajoutez une ligne `fr:` pour les lecteurs francophones.",
    ),
    "missing-english": (
        "`{field}` has no English version.",
        "Add an `en:` line so English-speaking readers see it in their language.",
        "`{field}` n'a pas de version anglaise.",
        "Ajoutez une ligne `en:` pour les lecteurs anglophones.",
    ),
    "deadline-passed": (
        "The application deadline {deadline} has passed; the opportunity will not be listed.",
        "Update the dates for the next intake, or set `status: closed`.",
        "La date limite {deadline} est passée; l'occasion ne sera pas affichée.",
        "Mettez à jour les dates pour la prochaine cohorte, ou indiquez `status: closed`.",
    ),
    "end-passed": (
        "The opportunity ended on {deadline} and has no application deadline; it will not be listed.",
        "Update the dates for the next intake, or set `status: closed`.",
        "L'occasion a pris fin le {deadline} et n'a pas de date limite; elle ne sera pas affichée.",
        "Mettez à jour les dates pour la prochaine cohorte, ou indiquez `status: closed`.",
    ),
    "stale": (
        "This opportunity was last verified on {value}, more than {months} months ago.",
        "Check it is still offered, then update `last_verified` to today's date.",
        "Cette occasion a été vérifiée le {value}, il y a plus de {months} mois.",
        "Vérifiez qu'elle est toujours offerte, puis mettez `last_verified` à la date du jour.",
    ),
    "future-verified": (
        "`last_verified` is {value}, a date in the future.",
        "Use the date you actually checked the opportunity.",
        "`last_verified` vaut {value}, une date future.",
        "Indiquez la date à laquelle vous avez réellement vérifié l'occasion.",
    ),
    "personal-email": (
        "`{value}` looks like a person's address.",
        "Use an office address (for example careers@..., coop@...) so the listing survives staff changes and holds no personal data.",
        "`{value}` ressemble à l'adresse d'une personne.",
        "Utilisez une adresse de service (par ex. carrieres@..., coop@...) pour que l'annonce survive aux départs et ne contienne aucune donnée personnelle.",
    ),
}


def current_language(explicit: str | None = None) -> str:
    """English unless asked for French, by flag or by the usual locale variables."""
    if explicit:
        return "fr" if explicit.lower().startswith("fr") else "en"
    for var in ("WIL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


class _Blank(dict[str, str]):
    """Missing template fields render as nothing rather than crash."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, params: dict[str, str], lang: str = "en") -> tuple[str, str]:
    """The (message, hint) for a code in a language."""
    msg_en, hint_en, msg_fr, hint_fr = CATALOGUE[code]
    message, hint = (msg_fr, hint_fr) if lang == "fr" else (msg_en, hint_en)
    values = _Blank(params)
    if params.get("best"):
        best = params["best"]
        values["suggestion"] = f"Vouliez-vous dire `{best}` ? " if lang == "fr" else f"Did you mean `{best}`? "
    return message.format_map(values).strip(), " ".join(hint.format_map(values).split())
