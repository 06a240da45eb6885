"""The region's own settings (region.yaml at the repository's root), in use
by the build being run: its names in every message (i18n `{region}`), the site's
address and the repository in every configuration, and the regional contact
on pages. A region without the file (or with an invalid one, which the
validator reports) builds with neutral words and the theme's defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from generator import i18n
from generator.models import RegionSettings

# The settings of the build being run: set for the length of a `with using(...)`
# block (a context variable, like i18n's region names), never for the process.
_IN_USE: ContextVar[RegionSettings | None] = ContextVar("region_settings", default=None)


def load(root: Path, today: dt.date | None = None) -> RegionSettings | None:
    """region.yaml's settings if the file is there and valid, else None."""
    from generator.validate.region import REGION_FILE, check_region_file

    source = check_region_file(root, REGION_FILE, today or dt.date.today())
    return source.record if source.valid and isinstance(source.record, RegionSettings) else None


@contextmanager
def using(settings: RegionSettings | None) -> Iterator[RegionSettings | None]:
    """Within the block, these are the settings every message, configuration and page reads."""
    names = (
        None if settings is None else {"region": settings.name.model_dump(), "region_in": settings.name_in.model_dump()}
    )
    token = _IN_USE.set(settings)
    try:
        with i18n.region_named(names):
            yield settings
    finally:
        _IN_USE.reset(token)


def current() -> RegionSettings | None:
    return _IN_USE.get()


@cache
def theme_default(key: str) -> str:
    """A default the shared theme configuration names under `extra` (the
    repository's address when region.yaml names none)."""
    import yaml

    from generator import paths

    with paths.BASE_CONFIG.open(encoding="utf-8") as handle:
        return str(yaml.safe_load(handle).get("extra", {}).get(key, "")).rstrip("/")


@contextmanager
def using_root(root: Path, today: dt.date | None = None) -> Iterator[RegionSettings | None]:
    """The settings of the region at `root` (region.yaml), in use within the block."""
    with using(load(root, today)) as settings:
        yield settings
