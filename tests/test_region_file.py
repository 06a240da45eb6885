"""region.yaml: the region's names, office, address and languages, read by
every message and configuration; a broken or missing file is reported like
any data file and never stops the build."""

from __future__ import annotations

from pathlib import Path

from conftest import DAY, PROJECT_ROOT, make_region

from generator import settings
from generator.i18n import t
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
