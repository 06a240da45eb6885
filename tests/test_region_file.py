"""region.yaml: the region's names, office, address and languages, read by
every message and configuration; a broken or missing file is reported like
any data file and never stops the build."""

from __future__ import annotations

from pathlib import Path

from conftest import DAY, PROJECT_ROOT, make_region

from generator import settings
from generator.i18n import t
from generator.problems import Severity
from generator.publish.config import base_config, configured_site_url, language_config
from generator.validate.region import validate_region

LETHBRIDGE = """\
name: {en: Lethbridge region, fr: région de Lethbridge}
name_in: {en: in the Lethbridge region, fr: dans la région de Lethbridge}
contact:
  office: {en: Lethbridge WIL Office, fr: Bureau d'AIT de Lethbridge}
  email: wil@lethbridge.example.ca
site_url: https://wil.lethbridge.example.ca/
repository: https://github.com/lethbridge/wil
languages: [fr, en]
"""


def test_the_region_file_names_the_site_everywhere(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    (root / "region.yaml").write_text(LETHBRIDGE, "utf-8")
    with settings.using_root(root, DAY) as region:
        assert region is not None and region.contact.email == "wil@lethbridge.example.ca"
        assert t("ui.site_name", "en") == "WIL Directory – Lethbridge region"
        assert t("ui.site_name", "fr") == "Répertoire AIT – région de Lethbridge"
        assert t("ui.home_title", "fr") == "L'apprentissage intégré au travail dans la région de Lethbridge"
        assert configured_site_url() == "https://wil.lethbridge.example.ca/"
        assert base_config()["extra"]["repository"] == "https://github.com/lethbridge/wil"
        config = language_config("fr", tmp_path / "docs", tmp_path / "site")
        assert config["site_name"] == "Répertoire AIT – région de Lethbridge"
        assert config["site_url"] == "https://wil.lethbridge.example.ca/fr/"
    # the block ends, and with it the other region: the shipped one is in use again
    assert t("ui.site_name", "en") == "WIL Directory – Calgary region"
    assert configured_site_url() != "https://wil.lethbridge.example.ca/"
    assert not [p for p in validate_region(root, today=DAY).problems if p.path == "region.yaml"]


def test_a_region_file_with_the_wrong_languages_is_explained(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    (root / "region.yaml").write_text(LETHBRIDGE.replace("languages: [fr, en]", "languages: [en]"), "utf-8")
    (found,) = [p for p in validate_region(root, today=DAY).problems if p.path == "region.yaml"]
    assert (found.code, found.line, found.column, found.is_error) == ("region-languages", 8, 12, True)
    assert found.text("en") == (
        "`languages` must list exactly the languages the site is published in: en, fr.",
        "Adding a language needs its catalogue first (generator/locales); then list it here.",
    )
    assert found.text("fr")[0] == (
        "`languages` doit nommer exactement les langues dans lesquelles le site est publié\u00a0: en, fr."
    )
    with settings.using_root(root, DAY) as region:
        assert region is None  # the build goes on with neutral words
        assert t("ui.site_name", "fr") == "Répertoire AIT – votre région"


def test_without_a_region_file_the_build_warns_and_goes_on(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    (root / "region.yaml").unlink()
    (found,) = [p for p in validate_region(root, today=DAY).problems if p.path == "region.yaml"]
    assert found.code == "region-file-missing" and not found.is_error
    assert found.text("fr")[0].startswith("Il n'y a pas de `region.yaml` à la racine du dépôt\u00a0:")
    with settings.using_root(root, DAY) as region:
        assert region is None
        assert t("ui.site_name", "en") == "WIL Directory – your region"


def test_the_shipped_region_file_is_the_calgary_region() -> None:
    region = settings.load(PROJECT_ROOT, DAY)
    assert region is not None and region.name.fr == "région de Calgary"


def test_two_regions_in_one_process_never_see_each_others_names(tmp_path: Path) -> None:
    """Each build's region is its own (a context, not a process-wide setting):
    two threads, each in its region, name their own, then the shipped one is back."""
    import threading

    root = make_region(tmp_path / "region")
    (root / "region.yaml").write_text(LETHBRIDGE, "utf-8")
    seen: dict[str, list[str]] = {"lethbridge": [], "calgary": []}
    started = threading.Barrier(2)

    def name(where: Path, key: str) -> None:
        with settings.using_root(where, DAY):
            started.wait()  # both regions in use at once
            for _ in range(50):
                seen[key].append(t("ui.site_name", "fr"))

    threads = [
        threading.Thread(target=name, args=(root, "lethbridge")),
        threading.Thread(target=name, args=(PROJECT_ROOT, "calgary")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(seen["lethbridge"]) == {"Répertoire AIT – région de Lethbridge"}
    assert set(seen["calgary"]) == {"Répertoire AIT – région de Calgary"}
    assert t("ui.site_name", "fr") == "Répertoire AIT – région de Calgary"


def _two_broken(tmp_path: Path) -> Path:
    """A region with problems in two institutions' folders and in a folder
    whose name begins like one of them."""
    from conftest import FIXTURES, read_case

    broken = read_case(FIXTURES / "invalid" / "end-date_before-start.yaml")
    root = make_region(tmp_path / "region", broken)
    text = broken.source.read_text("utf-8").replace("ucalgary-end-date-before-start", "sait-end-date-before-start")
    text = text.replace("institution: ucalgary", "institution: sait")
    (root / "opportunities" / "sait").mkdir(parents=True)
    (root / "opportunities" / "sait" / "sait-end-date-before-start.yaml").write_text(text, "utf-8")
    (root / "opportunities" / "saitx").mkdir()
    (root / "opportunities" / "saitx" / "stray.yaml").write_text("id: stray\n", "utf-8")
    return root


def test_select_keeps_the_named_files_and_folders_only(tmp_path: Path) -> None:
    from generator.validate.region import select

    root = _two_broken(tmp_path)
    region = validate_region(root, today=DAY)
    mine = "opportunities/ucalgary/ucalgary-end-date-before-start.yaml"
    theirs = "opportunities/sait/sait-end-date-before-start.yaml"
    assert {p.path for p in region.problems} >= {mine, theirs, "opportunities/saitx/stray.yaml"}
    assert {p.path for p in select(region, [mine])} == {mine}
    assert {p.path for p in select(region, [f"./{mine}"])} == {mine}
    assert {p.path for p in select(region, [str(root / mine)])} == {mine}  # absolute, under the root
    assert {p.path for p in select(region, [str(root.parent / "elsewhere.yaml"), mine])} == {mine}
    # a folder, with or without its slash, but never a folder that only begins the same way
    assert {p.path for p in select(region, ["opportunities/sait"])} == {theirs}
    assert {p.path for p in select(region, ["opportunities/sait/"])} == {theirs}
    assert {p.path for p in select(region, ["opportunities"])} == {
        p.path for p in region.problems if p.path.startswith("opportunities/")
    }
    assert select(region, []) == []


def test_one_file_checked_alone_has_its_own_problems_and_digest(tmp_path: Path) -> None:
    import hashlib

    from generator.validate.region import check_alone

    root = _two_broken(tmp_path)
    rel = "opportunities/sait/sait-end-date-before-start.yaml"
    alone = check_alone(root, rel, DAY)
    assert alone.path == rel and alone.kind == "opportunity" and alone.folder == "sait"
    assert [p.code for p in alone.problems] == ["end-before-start"]
    assert alone.digest == hashlib.sha256((root / rel).read_bytes()).hexdigest()
    assert alone.loaded is None and not alone.valid
    fine = check_alone(root, "opportunities/ambrose/ambrose-base-valid.yaml", DAY)
    assert fine.valid and fine.folder == "ambrose" and fine.problems == []
    # a file outside any institution's folder belongs to none
    (root / "opportunities" / "loose.yaml").write_text((root / rel).read_text("utf-8"), "utf-8")
    assert check_alone(root, "opportunities/loose.yaml", DAY).folder == ""


def test_discover_lists_every_data_file_and_refuses_links_folders_and_fifos(tmp_path: Path) -> None:
    """What the walk finds, exactly: the region file first, then each top folder's
    files sorted; a link (to a folder or a file), a folder named like a data file
    and a FIFO are refused with what they are, and the walk goes on past them."""
    import os

    from generator.validate.region import check_region_file, discover

    root = tmp_path / "region"
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.yaml").write_text("id: secret\n", "utf-8")
    (root / "opportunities" / "sait").mkdir(parents=True)
    (root / "opportunities" / "sait" / "sait-a.yaml").write_text("id: sait-a\n", "utf-8")
    (root / "opportunities" / "sait" / "notes.txt").write_text("not data\n", "utf-8")
    (root / "opportunities" / "sait" / "folder.yaml").mkdir()
    (root / "opportunities" / "linked").symlink_to(outside / "deep")
    os.mkfifo(root / "opportunities" / "sait" / "pipe.yml")
    (root / "opportunities" / "sait" / "link.yaml").symlink_to(outside / "deep" / "secret.yaml")
    (root / "institutions").symlink_to(outside)  # a whole top folder as a link
    (root / "proposals").mkdir()
    (root / "proposals" / "p.yaml").write_text("id: p\n", "utf-8")
    found = discover(root)
    assert found[0] == ("region.yaml", "region", "")
    assert ("institutions", "refused", "symlink") in found
    assert ("opportunities/linked", "refused", "symlink") in found
    assert ("opportunities/sait/folder.yaml", "refused", "folder") in found
    assert ("opportunities/sait/pipe.yml", "refused", "special") in found
    assert ("opportunities/sait/link.yaml", "refused", "symlink") in found
    assert ("opportunities/sait/sait-a.yaml", "opportunity", "sait") in found
    assert [f for f in found if f[0].startswith("proposals/")] == [("proposals/p.yaml", "proposal", "")]
    assert not any("secret" in f[0] or f[0].endswith(".txt") for f in found)  # never through a link
    assert len(found) == 8
    alone = check_region_file(root, "region.yaml", DAY)
    assert alone.kind == "region" and alone.folder == ""
    assert [(p.code, p.line, p.column, p.severity) for p in alone.problems] == [
        ("region-file-missing", 1, 1, Severity.WARNING)
    ]
    # each refused place is one error at its first line, naming itself, in no institution's folder
    region = validate_region(root, today=DAY)
    refused = {f.path: f for f in region.files if f.kind == "refused"}
    assert {
        path: (f.folder, [(p.code, p.line, p.column, p.is_error) for p in f.problems]) for path, f in refused.items()
    } == {
        "institutions": ("", [("symlink-refused", 1, 1, True)]),
        "opportunities/linked": ("", [("symlink-refused", 1, 1, True)]),
        "opportunities/sait/link.yaml": ("", [("symlink-refused", 1, 1, True)]),
        "opportunities/sait/folder.yaml": ("", [("folder-named-like-data", 1, 1, True)]),
        "opportunities/sait/pipe.yml": ("", [("special-file-refused", 1, 1, True)]),
    }
    assert all(p.path == path for path, f in refused.items() for p in f.problems)
    (pipe,) = refused["opportunities/sait/pipe.yml"].problems
    assert pipe.text("en")[0].startswith("`opportunities/sait/pipe.yml`")
    assert pipe.text("fr")[0].startswith("`opportunities/sait/pipe.yml`")
    # a top folder missing is skipped, and the walk goes on to the next one
    (root / "institutions").unlink()
    assert ("opportunities/sait/sait-a.yaml", "opportunity", "sait") in discover(root)


def test_a_file_checked_before_comes_from_the_cache_until_its_bytes_or_the_day_change(tmp_path: Path) -> None:
    import datetime as dt
    import hashlib

    from generator.cache import Cache

    root = _two_broken(tmp_path)
    rel = "opportunities/sait/sait-end-date-before-start.yaml"
    cache = Cache(tmp_path / "cache.sqlite")
    first = validate_region(root, today=DAY, cache=cache)
    assert cache.hits == 0 and cache.misses == len(first.files)
    again = validate_region(root, today=DAY, cache=cache)
    assert cache.hits == len(first.files)  # every file, none checked again
    assert [(p.path, p.code, p.line) for p in again.problems] == [(p.path, p.code, p.line) for p in first.problems]
    by_path = {f.path: f for f in again.files}
    assert by_path[rel].digest == hashlib.sha256((root / rel).read_bytes()).hexdigest()
    assert by_path["opportunities/saitx/stray.yaml"].folder == "saitx"
    # the file edited: checked again, its new mistake reported and the old one gone
    text = (root / rel).read_text("utf-8").replace("end_date: 2027-04-27", "end_date: 2027-08-27")
    (root / rel).write_text(text.replace("  amount_min: 24", "  amount_min: -24"), "utf-8")
    edited = validate_region(root, today=DAY, cache=cache)
    assert {p.code for p in edited.problems if p.path == rel} == {"too-small"}
    # the same bytes on a later day: checked again for that day (the deadline has passed)
    later = validate_region(root, today=dt.date(2027, 3, 1), cache=cache)
    assert "deadline-passed" in {p.code for p in later.problems if p.path == rel}


def test_a_wave_of_two_hundred_files_or_more_is_shared_out_and_comes_back_whole(tmp_path: Path) -> None:
    """Above 199 files a wave is cut in shares (one a core, forked; in the
    process under WIL_SERIAL): each file comes back once, in order."""
    from generator.validate.region import _check_wave

    root = make_region(tmp_path / "region")
    base = root / "opportunities" / "ambrose" / "ambrose-base-valid.yaml"
    text = base.read_text("utf-8")
    items = []
    for n in range(203):
        rel = f"opportunities/ambrose/ambrose-copy-{n:03}.yaml"
        (root / rel).write_text(text.replace("id: ambrose-base-valid", f"id: ambrose-copy-{n:03}"), "utf-8")
        items.append((rel, "opportunity", "ambrose"))
    from generator.validate import rules

    for count in (199, 200, 203):
        files = _check_wave(root, items[:count], rules.Context(today=DAY), None)
        assert [f.path for f in files] == [rel for rel, _, _ in items[:count]]
        assert all(f.valid for f in files)


def test_validate_region_in_waves_with_its_list_and_its_progress(tmp_path: Path, monkeypatch) -> None:
    """Waves of WAVE files, each counted for the progress bar; every file kept
    across waves; a given list is the one validated; the garbage collector,
    paused while checking, runs again after."""
    import gc

    from generator.validate import region as validation

    root = _two_broken(tmp_path)
    whole = validate_region(root, today=DAY)
    monkeypatch.setattr(validation, "WAVE", 3)
    ticks: list[int] = []
    waved = validate_region(root, today=DAY, tick=ticks.append)
    assert [f.path for f in waved.files] == [f.path for f in whole.files]
    assert [(p.path, p.code) for p in waved.problems] == [(p.path, p.code) for p in whole.problems]
    assert sum(ticks) == len(whole.files) and max(ticks) == 3 and len(ticks) == -(-len(whole.files) // 3)
    assert all(f.loaded is None for f in waved.files)  # positions dropped once checked
    assert gc.isenabled()
    some = [item for item in validation.discover(root) if item[0].startswith("opportunities/sait/")]
    assert [f.path for f in validate_region(root, today=DAY, found=some).files] == [rel for rel, _, _ in some]


def test_a_file_gone_before_it_is_checked_alone_has_no_digest(tmp_path: Path) -> None:
    from generator.validate.region import check_alone

    root = _two_broken(tmp_path)
    gone = check_alone(root, "opportunities/sait/gone.yaml", DAY)
    assert gone.digest == "" and not gone.valid and gone.problems


def test_two_files_with_the_same_bytes_in_two_folders_are_each_checked_as_themselves(tmp_path: Path) -> None:
    """The validation cache is keyed by the file's place and kind as well as its
    bytes: a copy in another institution's folder is not given the original's
    result (its own path, folder and problems)."""
    from generator.cache import Cache

    root = make_region(tmp_path / "region")
    original = root / "opportunities" / "ambrose" / "ambrose-base-valid.yaml"
    (root / "opportunities" / "sait").mkdir()
    (root / "opportunities" / "sait" / "ambrose-base-valid.yaml").write_bytes(original.read_bytes())
    (root / "proposals").mkdir()
    (root / "proposals" / "ambrose-base-valid.yaml").write_bytes(original.read_bytes())
    (root / "opportunities" / "ambrose" / "ambrose-copy.yaml").write_bytes(original.read_bytes())  # same folder
    uncached = validate_region(root, today=DAY)
    cache = Cache(tmp_path / "cache.sqlite")
    validate_region(root, today=DAY, cache=cache)
    cached = validate_region(root, today=DAY, cache=cache)
    assert cache.hits > 0

    def said(region: object) -> list[tuple[str, str, str, list[str]]]:
        return [(f.path, f.kind, f.folder, sorted(p.code for p in f.problems)) for f in region.files]  # type: ignore[attr-defined]

    assert said(cached) == said(uncached)
    by_path = {f.path: f for f in cached.files}
    assert by_path["opportunities/sait/ambrose-base-valid.yaml"].folder == "sait"
    assert by_path["proposals/ambrose-base-valid.yaml"].kind == "proposal"
    assert "filename-mismatch" in {p.code for p in by_path["opportunities/ambrose/ambrose-copy.yaml"].problems}
