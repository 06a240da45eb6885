"""One MkDocs configuration per language, written from the shared mkdocs.yml.

Each is a complete, plain mkdocs.yml (no INHERIT, hooks or i18n plugins), so
any MkDocs-compatible builder can read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.files import write_if_changed
from generator.paths import PROJECT_ROOT
from generator.render.i18n import LANGUAGE_NAMES, LANGUAGES, t

BASE_CONFIG = PROJECT_ROOT / "mkdocs.yml"
OVERRIDES = PROJECT_ROOT / "overrides"


def _nav(lang: str) -> list[dict[str, str]]:
    return [
        {t("home", lang): "index.md"},
        {t("search_short", lang): "search.md"},
        {t("browse", lang): "browse/index.md"},
        {t("for_employers", lang): "employers.md"},
        {t("chooser_short", lang): "chooser.md"},
        {t("types", lang): "types/index.md"},
        {t("sectors", lang): "sectors/index.md"},
        {t("institutions", lang): "institutions/index.md"},
        {"Contribute" if lang == "en" else "Contribuer": "contribute.md"},
        {t("coordination", lang): "coordination.md"},
        {"About" if lang == "en" else "À propos": "about.md"},
    ]


def language_config(lang: str, docs_dir: Path, site_dir: Path, *, site_url: str | None = None) -> dict[str, Any]:
    with BASE_CONFIG.open(encoding="utf-8") as handle:
        config: dict[str, Any] = yaml.safe_load(handle)
    config["site_name"] = t("site_name", lang)
    config["site_description"] = t("site_description", lang)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = _nav(lang)
    config["theme"] = {**config["theme"], "language": lang, "custom_dir": str(OVERRIDES)}
    if site_url:
        config["site_url"] = site_url.rstrip("/") + ("/fr/" if lang == "fr" else "/")
    # English at the site's root, French under fr/: the same page path in both.
    prefixes = {"en": "" if lang == "en" else "../", "fr": "fr/" if lang == "en" else ""}
    config["extra"] = {
        **config.get("extra", {}),
        "sample_banner": t("sample_banner", lang),
        "search_label": t("search_label", lang),
        "search_short": t("search_short", lang),
        "alternate": True,  # shows the header selector; the links come from alternate_pages
        "alternate_pages": [{"name": LANGUAGE_NAMES[x], "lang": x, "prefix": prefixes[x]} for x in LANGUAGES],
    }
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    write_if_changed(path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
