"""The rules across files (`generator/validate/across.py`), each stated by the
words a contributor reads, in English and French, on small regions built
from real files and checked by the real validator: ids that belong to a
folder, offerings another institution agreed to, institutions and folders
that exist, links that lead somewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import DAY, FIXTURES, make_region

from generator.problems import Problem
from generator.validate import across
from generator.validate.region import SourceFile, validate_region

NB = "\u00a0"  # French puts a no-break space before `?` and `:`
KNOWN = "`ambrose`, `auarts`, `bowvalley`, `mru`, `sait`, `stmarys`, `ucalgary`"
VICTIM = "opportunities/ambrose/ambrose-base-valid.yaml"  # in every region, as make_region copies it

_BASE = "".join(
    line
    for line in (FIXTURES / "valid" / "base-valid.yaml").read_text("utf-8").splitlines(keepends=True)
    if not line.startswith("#")
)


def _opportunity(id_: str, *offered_by: str, extra: str = "") -> str:
    """The reference record under another id, offered by the given institutions;
    `extra` lines go right after the id (line 2 on)."""
    entries = "".join(
        f"  - institution: {inst}\n    apply_url: https://careers.{inst}.example.ca/co-op\n"
        f"    contact_office: Co-op office\n    contact_email: coop@{inst}.example.ca\n"
        for inst in offered_by
    )
    text = re.sub(r"(?m)^institutions:\n(?:  .*\n)+", lambda m: "institutions:\n" + entries, _BASE)
    return text.replace("id: ambrose-base-valid\n", f"id: {id_}\n{extra}", 1)


@dataclass(frozen=True)
class Scenario:
    """Files added to a region (path -> text), edits to its files (path -> (old, new)),
    and every problem it must then have: (path, code, severity, line:column,
    English message and hint, French message and hint)."""

    name: str
    files: dict[str, str]
    expected: list[tuple[str, str, str, str, str, str]]
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)


SCENARIOS = [
    Scenario(
        "file-named-after-another-id",
        {"opportunities/ambrose/ambrose-renamed.yaml": _opportunity("ambrose-other-name", "ambrose")},
        [
            (
                "institutions/mru.yaml",
                "filename-mismatch",
                "error",
                "4:5",
                "The file is named `mru.yaml` but its id is `mru-college`. "
                "Rename the file to `mru-college.yaml`, or change the id to `mru`.",
                "Le fichier s'appelle `mru.yaml`, mais son identifiant est `mru-college`. "
                "Renommez le fichier en `mru-college.yaml`, ou changez l'identifiant en `mru`.",
            ),
            (
                "opportunities/ambrose/ambrose-renamed.yaml",
                "filename-mismatch",
                "error",
                "1:5",
                "The file is named `ambrose-renamed.yaml` but its id is `ambrose-other-name`. "
                "Rename the file to `ambrose-other-name.yaml`, or change the id to `ambrose-renamed`.",
                "Le fichier s'appelle `ambrose-renamed.yaml`, mais son identifiant est `ambrose-other-name`. "
                "Renommez le fichier en `ambrose-other-name.yaml`, ou changez l'identifiant en `ambrose-renamed`.",
            ),
        ],
        edits={"institutions/mru.yaml": ("id: mru\n", "id: mru-college\n")},
    ),
    Scenario(
        "id-with-another-institutions-prefix",
        {"opportunities/mru/ambrose-posted-by-mru.yaml": _opportunity("ambrose-posted-by-mru", "mru")},
        [
            (
                "opportunities/mru/ambrose-posted-by-mru.yaml",
                "id-not-owned",
                "error",
                "1:5",
                "The id `ambrose-posted-by-mru` does not start with `mru-`: an opportunity's id belongs to the "
                "institution whose folder holds it. Start the id (and the file name) with `mru-`. To list another "
                "institution's opportunity as the same, keep your own id and add `same_as:` with theirs.",
                f"L'identifiant `ambrose-posted-by-mru` ne commence pas par `mru-`{NB}: l'identifiant d'une occasion "
                "appartient à l'établissement dont le dossier la contient. Commencez l'identifiant (et le nom du "
                "fichier) par `mru-`. Pour indiquer qu'il s'agit de l'occasion d'un autre établissement, gardez "
                "votre identifiant et ajoutez `same_as:` avec le sien.",
            ),
        ],
    ),
    Scenario(
        # the file that owns the id (its name, its folder's prefix) is warned and stays listed; the copy is refused
        "id-copied-into-another-folder",
        {"opportunities/mru/ambrose-base-valid.yaml": _opportunity("ambrose-base-valid", "mru")},
        [
            (
                VICTIM,
                "id-claimed-elsewhere",
                "warning",
                "3:5",
                "Another file uses this file's id `ambrose-base-valid`: opportunities/mru/ambrose-base-valid.yaml. "
                "This file stays listed; the other is refused. Nothing to change here; the other file's institution "
                "must rename it. Tell the coordinators if you did not expect it.",
                f"Un autre fichier utilise l'identifiant `ambrose-base-valid` de ce fichier{NB}: "
                f"opportunities/mru/ambrose-base-valid.yaml. Ce fichier reste publié{NB}; l'autre est refusé. "
                f"Rien à changer ici{NB}; l'établissement de l'autre fichier doit le renommer. Prévenez les "
                "coordonnateurs si vous ne vous y attendiez pas.",
            ),
            (
                "opportunities/mru/ambrose-base-valid.yaml",
                "duplicate-id",
                "error",
                "1:5",
                f"The id `ambrose-base-valid` is also used by {VICTIM}. Every opportunity needs its own id: rename "
                "this one (and its file). If both describe the same opportunity, keep your own id and use `same_as`.",
                f"L'identifiant `ambrose-base-valid` est aussi utilisé par {VICTIM}. Chaque occasion a besoin de son "
                f"propre identifiant{NB}: renommez celle-ci (et son fichier). Si les deux décrivent la même "
                "occasion, gardez votre identifiant et utilisez `same_as`.",
            ),
            (
                "opportunities/mru/ambrose-base-valid.yaml",
                "id-not-owned",
                "error",
                "1:5",
                "The id `ambrose-base-valid` does not start with `mru-`: an opportunity's id belongs to the "
                "institution whose folder holds it. Start the id (and the file name) with `mru-`. To list another "
                "institution's opportunity as the same, keep your own id and add `same_as:` with theirs.",
                f"L'identifiant `ambrose-base-valid` ne commence pas par `mru-`{NB}: l'identifiant d'une occasion "
                "appartient à l'établissement dont le dossier la contient. Commencez l'identifiant (et le nom du "
                "fichier) par `mru-`. Pour indiquer qu'il s'agit de l'occasion d'un autre établissement, gardez "
                "votre identifiant et ajoutez `same_as:` avec le sien.",
            ),
        ],
    ),
    Scenario(
        # neither file is named after the id: no owner, so both are refused and each names the other
        "id-shared-by-two-files-neither-named-after-it",
        {
            "opportunities/ambrose/ambrose-one.yaml": _opportunity("ambrose-shared", "ambrose"),
            "opportunities/ambrose/ambrose-two.yaml": _opportunity("ambrose-shared", "ambrose"),
        },
        [
            (
                f"opportunities/ambrose/ambrose-{mine}.yaml",
                code,
                "error",
                "1:5",
                en,
                fr,
            )
            for mine, other in (("one", "two"), ("two", "one"))
            for code, en, fr in (
                (
                    "duplicate-id",
                    f"The id `ambrose-shared` is also used by opportunities/ambrose/ambrose-{other}.yaml. Every "
                    "opportunity needs its own id: rename this one (and its file). If both describe the same "
                    "opportunity, keep your own id and use `same_as`.",
                    f"L'identifiant `ambrose-shared` est aussi utilisé par opportunities/ambrose/ambrose-{other}.yaml. "
                    f"Chaque occasion a besoin de son propre identifiant{NB}: renommez celle-ci (et son fichier). Si "
                    "les deux décrivent la même occasion, gardez votre identifiant et utilisez `same_as`.",
                ),
                (
                    "filename-mismatch",
                    f"The file is named `ambrose-{mine}.yaml` but its id is `ambrose-shared`. "
                    f"Rename the file to `ambrose-shared.yaml`, or change the id to `ambrose-{mine}`.",
                    f"Le fichier s'appelle `ambrose-{mine}.yaml`, mais son identifiant est `ambrose-shared`. "
                    f"Renommez le fichier en `ambrose-shared.yaml`, ou changez l'identifiant en `ambrose-{mine}`.",
                ),
            )
        ],
    ),
    Scenario(
        # Ambrose's co_offers names the first id, not the second
        "offering-agreed-through-co-offers-or-not",
        {
            "opportunities/mru/mru-ambrose-youth-mentorship-service-learning.yaml": _opportunity(
                "mru-ambrose-youth-mentorship-service-learning", "mru", "ambrose"
            ),
            "opportunities/mru/mru-joint.yaml": _opportunity("mru-joint", "mru", "ambrose"),
        },
        [
            (
                "opportunities/mru/mru-joint.yaml",
                "offering-not-agreed",
                "error",
                "12:18",
                "This file lists `ambrose` as offering it, but `institutions/ambrose.yaml` does not agree: its "
                "`co_offers` does not name `mru-joint`. Only an institution's own maintainers speak for it: ask them "
                "to add `mru-joint` to `co_offers` in `institutions/ambrose.yaml`, or remove this entry (they can "
                "list the opportunity in their own folder with `same_as`).",
                f"Ce fichier indique que `ambrose` l'offre, mais `institutions/ambrose.yaml` n'est pas d'accord{NB}: "
                f"son `co_offers` ne nomme pas `mru-joint`. Seuls les responsables d'un établissement parlent en son "
                f"nom{NB}: demandez-leur d'ajouter `mru-joint` à `co_offers` dans `institutions/ambrose.yaml`, ou "
                "retirez cette entrée (ils peuvent publier l'occasion dans leur propre dossier avec `same_as`).",
            ),
        ],
    ),
    Scenario(
        # a near miss gets its suggestion, a name like none gets none; an unknown name is no reason to call the folder wrong
        "unknown-institutions",
        {
            "opportunities/ambrose/ambrose-joint.yaml": _opportunity("ambrose-joint", "ambrose", "ucalgry"),
            "opportunities/mru/mru-lost.yaml": _opportunity("mru-lost", "zzzz"),
        },
        [
            (
                "opportunities/ambrose/ambrose-joint.yaml",
                "unknown-institution",
                "error",
                "12:18",
                f"No institution has the id `ucalgry`. Did you mean `ucalgary`? Known institutions: {KNOWN}.",
                f"Aucun établissement n'a l'identifiant `ucalgry`. Vouliez-vous dire `ucalgary`{NB}? "
                f"Établissements connus{NB}: {KNOWN}.",
            ),
            (
                "opportunities/mru/mru-lost.yaml",
                "unknown-institution",
                "error",
                "8:18",
                f"No institution has the id `zzzz`. Known institutions: {KNOWN}.",
                f"Aucun établissement n'a l'identifiant `zzzz`. Établissements connus{NB}: {KNOWN}.",
            ),
        ],
    ),
    Scenario(
        "folder-no-institution-owns",
        {"opportunities/calgary-uni/calgary-uni-data.yaml": _opportunity("calgary-uni-data", "ucalgary")},
        [
            (
                "opportunities/calgary-uni/calgary-uni-data.yaml",
                "unknown-folder",
                "error",
                "1:1",
                "The folder `opportunities/calgary-uni/` does not belong to any institution. Did you mean "
                f"`ucalgary`? Each institution's folder is named after its file in institutions/: {KNOWN}.",
                "Le dossier `opportunities/calgary-uni/` n'appartient à aucun établissement. Vouliez-vous dire "
                f"`ucalgary`{NB}? Le dossier de chaque établissement porte le nom de son fichier dans "
                f"institutions/{NB}: {KNOWN}.",
            ),
        ],
    ),
    Scenario(
        "file-in-the-folder-of-an-institution-not-offering-it",
        {"opportunities/mru/mru-misfiled.yaml": _opportunity("mru-misfiled", "ambrose")},
        [
            (
                "opportunities/mru/mru-misfiled.yaml",
                "wrong-folder",
                "error",
                "7:1",  # the key `institutions:`
                "This file is in the folder of `mru`, but `ambrose` is not one of its institutions. "
                "Move the file to opportunities/ambrose/ or list `mru` under `institutions`.",
                "Ce fichier est dans le dossier de `mru`, mais `ambrose` n'en fait pas partie. "
                "Déplacez le fichier dans opportunities/ambrose/ ou ajoutez `mru` sous `institutions`.",
            ),
        ],
    ),
    Scenario(
        "same-as-links",
        {
            "opportunities/mru/mru-linked.yaml": _opportunity(
                "mru-linked", "mru", extra="same_as: ambrose-base-valid\n"
            ),
            "opportunities/mru/mru-self.yaml": _opportunity("mru-self", "mru", extra="same_as: mru-self\n"),
            "opportunities/mru/mru-typo.yaml": _opportunity("mru-typo", "mru", extra="same_as: ambrose-base-vaild\n"),
        },
        [
            (
                "opportunities/mru/mru-self.yaml",
                "same-as-self",
                "error",
                "2:10",
                "`same_as` points at this opportunity itself. "
                "Remove `same_as`, or point it at the other institution's opportunity.",
                "`same_as` désigne cette occasion elle-même. "
                "Supprimez `same_as`, ou indiquez l'occasion de l'autre établissement.",
            ),
            (
                "opportunities/mru/mru-typo.yaml",
                "unknown-same-as",
                "error",
                "2:10",
                "`same_as` points at `ambrose-base-vaild`, but no opportunity has that id. Did you mean "
                "`ambrose-base-valid`? Use the id of the other institution's file (its file name without .yaml).",
                "`same_as` désigne `ambrose-base-vaild`, mais aucune occasion n'a cet identifiant. Vouliez-vous "
                f"dire `ambrose-base-valid`{NB}? Utilisez l'identifiant du fichier de l'autre établissement (son "
                "nom sans .yaml).",
            ),
        ],
    ),
    Scenario(
        # entries in list order; one naming an existing opportunity is fine
        "distinct-from-links",
        {
            "opportunities/mru/mru-apart.yaml": _opportunity(
                "mru-apart",
                "mru",
                extra="same_as: ambrose-base-valid\n"
                "distinct_from: [mru-apart, ambrose-base-valid, ambrose-base-vaild, ucalgary-elsewhere]\n",
            ),
            "opportunities/ucalgary/ucalgary-elsewhere.yaml": _opportunity("ucalgary-elsewhere", "ucalgary"),
        },
        [
            (
                "opportunities/mru/mru-apart.yaml",
                "distinct-from-self",
                "error",
                "3:17",
                "`distinct_from` names this opportunity itself. Remove this id from `distinct_from`.",
                "`distinct_from` désigne cette occasion elle-même. Retirez cet identifiant de `distinct_from`.",
            ),
            (
                "opportunities/mru/mru-apart.yaml",
                "conflicting-links",
                "error",
                "3:28",
                "`ambrose-base-valid` is named both in `same_as` and in `distinct_from`. "
                "Keep one: `same_as` if they are the same opportunity, `distinct_from` if they are not.",
                "`ambrose-base-valid` figure à la fois dans `same_as` et dans `distinct_from`. "
                f"Gardez-en un seul{NB}: `same_as` s'il s'agit de la même occasion, `distinct_from` sinon.",
            ),
            (
                "opportunities/mru/mru-apart.yaml",
                "unknown-distinct-from",
                "error",
                "3:48",
                "`distinct_from` names `ambrose-base-vaild`, but no opportunity has that id. Did you mean "
                "`ambrose-base-valid`? Use the id of the other file (its file name without .yaml).",
                "`distinct_from` désigne `ambrose-base-vaild`, mais aucune occasion n'a cet identifiant. "
                f"Vouliez-vous dire `ambrose-base-valid`{NB}? Utilisez l'identifiant de l'autre fichier (son nom "
                "sans .yaml).",
            ),
        ],
    ),
]


def _build(root: Path, scenario: Scenario) -> Path:
    make_region(root)
    for rel, text in scenario.files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    for rel, (old, new) in scenario.edits.items():
        before = (root / rel).read_text("utf-8")
        assert old in before, (rel, old)
        (root / rel).write_text(before.replace(old, new, 1), "utf-8")
    return root


def _said(p: Problem) -> tuple[str, str, str, str, str, str]:
    return (p.path, p.code, str(p.severity), f"{p.line}:{p.column}", " ".join(p.text("en")), " ".join(p.text("fr")))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_rule_reads_as_written_in_both_languages(scenario: Scenario, tmp_path: Path) -> None:
    region = validate_region(_build(tmp_path / "region", scenario), today=DAY)
    assert [_said(p) for p in region.problems] == scenario.expected


def test_an_unknown_folder_is_said_of_the_whole_file(tmp_path: Path) -> None:
    """No line in the file is wrong: the problem names no field."""
    region = validate_region(_build(tmp_path / "region", SCENARIOS[6]), today=DAY)
    assert [(p.code, p.field, p.line, p.column) for p in region.problems] == [("unknown-folder", "", 1, 1)]


def test_the_rightful_file_stays_listed_and_the_copy_does_not(tmp_path: Path) -> None:
    region = validate_region(_build(tmp_path / "region", SCENARIOS[2]), today=DAY)
    assert [f.path for f in region.opportunities] == [VICTIM]


def test_links_name_files_valid_or_not(tmp_path: Path) -> None:
    """A link to a file whose record is refused is not a second error: only the broken file is left out."""
    broken = _opportunity("sait-broken", "sait").replace("wil_type: co-op\n", "wil_type: nonsense\n")
    scenario = Scenario(
        "links-to-a-broken-file",
        {
            "opportunities/sait/sait-broken.yaml": broken,
            "opportunities/mru/mru-same.yaml": _opportunity("mru-same", "mru", extra="same_as: sait-broken\n"),
            "opportunities/mru/mru-apart.yaml": _opportunity(
                "mru-apart", "mru", extra="distinct_from: [sait-broken]\n"
            ),
        },
        [],
    )
    region = validate_region(_build(tmp_path / "region", scenario), today=DAY)
    assert {p.path for p in region.problems} == {"opportunities/sait/sait-broken.yaml"}
    assert [f.path for f in region.opportunities] == [
        VICTIM,
        "opportunities/mru/mru-apart.yaml",
        "opportunities/mru/mru-same.yaml",
    ]


def test_every_rule_in_the_registries_is_exercised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule added to a registry without a scenario here fails this test."""
    fired: set[str] = set()

    def counted(rule: across.Rule) -> across.Rule:
        def run(f: SourceFile, every: across.Everything) -> Iterator[Problem]:
            found = list(rule(f, every))
            if found:
                fired.add(rule.__name__)
            return iter(found)

        return run

    registries = (across.RECORD_RULES, across.OPPORTUNITY_RULES)
    registered = {rule.__name__ for registry in registries for rule in registry}
    assert len(registered) == sum(len(registry) for registry in registries)
    for name in ("RECORD_RULES", "OPPORTUNITY_RULES"):
        monkeypatch.setattr(across, name, tuple(counted(rule) for rule in getattr(across, name)))
    for i, scenario in enumerate(SCENARIOS):
        validate_region(_build(tmp_path / str(i), scenario), today=DAY)
    assert fired == registered


def test_each_problem_names_the_field_tools_point_at(tmp_path: Path) -> None:
    """The dotted field a reporter gives tools (JSON, annotations)."""
    scenario = Scenario(
        "fields",
        {
            "opportunities/sait/sait-links.yaml": _opportunity(
                "sait-links", "sait", "nosuch", extra="same_as: sait-links\n"
            )
        },
        [],
    )
    region = validate_region(_build(tmp_path / "region", scenario), today=DAY)
    found = {(p.code, p.field) for p in region.problems}
    assert found == {("unknown-institution", "institutions[1].institution"), ("same-as-self", "same_as")}


def test_every_problem_gives_tools_its_field_and_named_parameters(tmp_path: Path) -> None:
    """What `wil validate --format json` hands tools for each rule across files:
    the dotted field and the names of its parameters (a contract: a script
    reading `params.value` must find it), over every scenario above."""
    found = set()
    for i, scenario in enumerate(SCENARIOS):
        for p in validate_region(_build(tmp_path / str(i), scenario), today=DAY).problems:
            found.add((p.code, p.field, tuple(p.as_dict("en")["params"])))
    assert found == {
        ("conflicting-links", "distinct_from[1]", ("field", "value")),
        ("distinct-from-self", "distinct_from[0]", ("field", "value")),
        ("duplicate-id", "id", ("field", "other", "value")),
        ("filename-mismatch", "id", ("filename", "stem", "value")),
        ("id-claimed-elsewhere", "id", ("field", "other", "value")),
        ("id-not-owned", "id", ("field", "prefix", "value")),
        ("offering-not-agreed", "institutions[1].institution", ("field", "file", "id", "value")),
        ("same-as-self", "same_as", ("field", "value")),
        ("unknown-distinct-from", "distinct_from[2]", ("best", "field", "value")),
        ("unknown-folder", "", ("allowed", "best", "folder")),
        ("unknown-institution", "institutions[0].institution", ("allowed", "best", "field", "value")),
        ("unknown-institution", "institutions[1].institution", ("allowed", "best", "field", "value")),
        ("unknown-same-as", "same_as", ("best", "field", "value")),
        ("wrong-folder", "institutions", ("expected", "field", "folder", "value")),
    }
