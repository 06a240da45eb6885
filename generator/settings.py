"""The region's own settings (region.yaml at the repository's root), in use
by this process: its names in every message (i18n `{region}`), the site's
address and the repository in every configuration, and the regional contact
on pages. A region without the file (or with an invalid one, which the
validator reports) builds with neutral words and the theme's defaults."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from generator import i18n
from generator.models import RegionSettings

_current: list[RegionSettings | None] = [None]


def load(root: Path, today: dt.date | None = None) -> RegionSettings | None:
    """region.yaml's settings if the file is there and valid, else None."""
    from generator.validate.region import REGION_FILE, check_region_file

    source = check_region_file(root, REGION_FILE, today or dt.date.today())
    return source.record if source.valid and isinstance(source.record, RegionSettings) else None


def use(settings: RegionSettings | None) -> None:
    """Make these the settings every message, configuration and page reads."""
    _current[0] = settings
    if settings is None:
        i18n.use_region(None)
    else:
        i18n.use_region({"region": settings.name.model_dump(), "region_in": settings.name_in.model_dump()})


def current() -> RegionSettings | None:
    return _current[0]


@cache
def theme_default(key: str) -> str:
    """A default the shared theme configuration names under `extra` (the
    repository's address when region.yaml names none)."""
    import yaml

    from generator import paths

    with paths.BASE_CONFIG.open(encoding="utf-8") as handle:
        return str(yaml.safe_load(handle).get("extra", {}).get(key, "")).rstrip("/")


def use_root(root: Path, today: dt.date | None = None) -> RegionSettings | None:
    settings = load(root, today)
    use(settings)
    return settings
