"""One MkDocs configuration per language, written from the shared theme
configuration (resources/theme/mkdocs.yml) and the catalogues.

Each is a complete, plain mkdocs.yml (no INHERIT, hooks or i18n plugins), so
any MkDocs-compatible builder can read it. The build and `wil serve` both
write their configurations here, so a preview is configured like the site.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator import paths, settings
from generator.clock import REGION_TIMEZONE
from generator.files import write_if_changed
from generator.i18n import t, template
from generator.layout import LANGUAGES, prefix

# Navigation: (catalogue key, page). Every other page is reachable from these.
NAV = (
    ("ui.home", "index.md"),
    ("ui.search_short", "search.md"),
    ("ui.browse", "browse/index.md"),
    ("ui.for_employers", "employers.md"),
    ("ui.chooser_short", "chooser.md"),
    ("ui.supervising_page", "supervising.md"),
    ("ui.inclusive_page", "inclusive.md"),
    ("ui.types", "types/index.md"),
    ("ui.sectors", "sectors/index.md"),
    ("ui.institutions", "institutions/index.md"),
    ("ui.for_institutions", "for-institutions.md"),
    ("ui.contribute", "contribute.md"),
    ("ui.coordination", "coordination.md"),
    ("ui.picture", "regional-picture.md"),
    ("ui.about_page", "about.md"),
    ("ui.privacy_page", "privacy.md"),
)


def base_config() -> dict[str, Any]:
    """The theme's shared configuration, with the region's address and repository (region.yaml) when set."""
    with paths.BASE_CONFIG.open(encoding="utf-8") as handle:
        config: dict[str, Any] = yaml.safe_load(handle)
    region = settings.current()
    if region is not None:
        config["extra"] = {**config.get("extra", {}), "site_url": region.site_url, "repository": region.repository}
    return config


def configured_site_url() -> str:
    """The published address, from the shared configuration, with a final slash
    (the site's root path when none is set: links still work from a local server)."""
    return str(base_config().get("extra", {}).get("site_url") or "").rstrip("/") + "/"


def language_config(lang: str, docs_dir: Path, site_dir: Path, *, site_url: str | None = None) -> dict[str, Any]:
    config = base_config()
    config["site_name"] = t("ui.site_name", lang)
    config["site_description"] = t("ui.site_description", lang)
    config["copyright"] = t("ui.copyright", lang)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = [{t(key, lang): page} for key, page in NAV]
    config["theme"] = {**config["theme"], "language": lang, "custom_dir": str(paths.OVERRIDES)}
    site_url = (site_url or configured_site_url()).rstrip("/") + "/"
    config["site_url"] = site_url + prefix(lang)
    # Every language has the same page paths; `prefix` leads from this
    # language's root to the site's root, then to the other language's root.
    up = "../" * prefix(lang).count("/")
    config["extra"] = {
        **config.get("extra", {}),
        "sample_banner": t("ui.sample_banner", lang),
        "search_label": t("ui.search_label", lang),
        "search_short": t("ui.search_short", lang),
        "made_with": t("ui.made_with", lang),
        "privacy": t("ui.privacy_page", lang),
        "not_found": [_not_found(x) for x in (lang, *[y for y in LANGUAGES if y != lang])],
        "site_url": site_url,
        "site_path": urlsplit(site_url).path,
        # dates.js: the words it writes, and where the reader's day is counted
        "zone": REGION_TIMEZONE,
        "dates": {
            "today": t("ui.closes_today", lang),
            "one": template("ui.closes_in", lang, 1),
            "other": template("ui.closes_in", lang, 2),
            "passed": t("ui.deadline_passed", lang),
        },  # the site's root on its host: the 404 pages link from there
        # <link rel=alternate hreflang> and Open Graph locales (overrides/main.html)
        "languages": [{"lang": x, "prefix": prefix(x), "locale": t("language.locale", x)} for x in LANGUAGES],
        "locale": t("language.locale", lang),
        "alternate": True,  # shows the header selector; the links come from alternate_pages
        "alternate_pages": [
            {"name": t("language.autonym", x), "lang": x, "prefix": "" if x == lang else up + prefix(x)}
            for x in LANGUAGES
        ],
    }
    return config


def _not_found(lang: str) -> dict[str, Any]:
    """The 404 page's words and links in one language (each 404 page shows
    every language, its own first)."""
    lists = (
        ("ui.browse", "browse/"),
        ("ui.types", "types/"),
        ("ui.sectors", "sectors/"),
        ("ui.for_employers", "employers/"),
    )
    return {
        "lang": lang,
        "prefix": prefix(lang),
        "title": t("ui.not_found_title", lang),
        "text": t("ui.not_found_text", lang),
        "search_label": t("ui.search_label", lang),
        "search_button": t("ui.search_button", lang),
        "links": [{"label": t(key, lang), "path": path} for key, path in lists],
    }


def write_config(path: Path, config: dict[str, Any]) -> None:
    write_if_changed(path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))


def configure(
    build_dir: Path, site_dirs: dict[str, Path], *, site_url: str | None = None, config_name: str = "mkdocs.yml"
) -> dict[str, Path]:
    """Write each language's config into build/<lang>/<config_name>; return their paths."""
    configs = {}
    for lang, site_dir in site_dirs.items():
        config_path = build_dir / lang / config_name
        # Paths relative to the configuration: Zensical wants both inside its folder.
        docs = Path(os.path.relpath((build_dir / lang / "docs").resolve(), config_path.parent.resolve()))
        site = Path(os.path.relpath(site_dir.resolve(), config_path.parent.resolve()))
        write_config(config_path, language_config(lang, docs, site, site_url=site_url))
        configs[lang] = config_path
    return configs
