"""Rebuilds that redo only what changed (cache.py, generator/tree.py, MkDocs'
dirty mode) must publish exactly what a clean build publishes: these tests
build a copy of the sample region, edit it, rebuild from the cache and
compare every byte with a clean build of the same data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DAY, copy_sample

from generator.cache import CACHE_FILE
from generator.publish import pipeline
from generator.publish.pipeline import build, generate
from generator.publish.search_index import unstable

pytestmark = pytest.mark.slow

EDITED = "opportunities/ucalgary/ucalgary-calgary-climate-hackathon-2027.yaml"
REMOVED = "opportunities/sait/sait-food-bank-warehouse-field-placement.yaml"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind writes its filter chunks (and the files naming them) in
    hash-map order, differently on every run (search_index.unstable)."""
    return {k: v for k, v in files.items() if not unstable(k)}


def _edit(root: Path) -> None:
    path = root / EDITED
    text = path.read_text("utf-8")
    assert "Climate" in text
    path.write_text(text.replace("Climate", "Climate-and-Water", 1), "utf-8")
    (root / REMOVED).unlink()


def _differences(left: dict[str, bytes], right: dict[str, bytes]) -> list[str]:
    names = sorted(set(left) | set(right))
    return [n for n in names if left.get(n) != right.get(n)]


def _quiet(message: object) -> None:
    pass


def test_a_cached_rebuild_publishes_the_same_bytes_as_a_clean_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "region")
    out, work = tmp_path / "site", tmp_path / "build"
    assert build(root, out, DAY, build_dir=work, progress=_quiet).site == out.parent.resolve() / out.name
    before = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    _edit(root)
    build(root, out, DAY, build_dir=work, progress=_quiet)
    cached = _files(out)

    clean_out = tmp_path / "clean-site"
    build(root, clean_out, DAY, build_dir=tmp_path / "clean-build", progress=_quiet, use_cache=False)
    clean = _files(clean_out)
    assert _differences(_stable(cached), _stable(clean)) == []
    assert set(cached) == set(clean)
    assert "opportunities/sait-food-bank-warehouse-field-placement/index.html" not in cached or (
        b'http-equiv="refresh"' in cached["opportunities/sait-food-bank-warehouse-field-placement/index.html"]
    )
    page = cached["opportunities/ucalgary-calgary-climate-hackathon-2027/index.html"].decode()
    assert "Climate-and-Water" in page

    # Only what changed was replaced: most published files are the very same files.
    after = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    kept = [rel for rel, inode in after.items() if before.get(rel) == inode]
    assert len(kept) > 0.8 * len(after)
    replaced = {rel for rel, inode in after.items() if before.get(rel) != inode}
    assert "opportunities/ucalgary-calgary-climate-hackathon-2027/index.html" in replaced

    # Deleting the cache changes nothing but time.
    (work / CACHE_FILE).unlink()
    build(root, out, DAY, build_dir=work, progress=_quiet)
    assert _differences(_stable(_files(out)), _stable(clean)) == []


def test_a_rebuild_rewrites_only_the_markdown_an_edit_touches(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "region")
    work = tmp_path / "build"
    first = generate(root, work, DAY)
    assert first.docs["en"].pages > 100 and len(first.docs["en"].changed) >= first.docs["en"].pages
    again = generate(root, work, DAY)
    assert {lang: change.changed for lang, change in again.docs.items()} == {"en": [], "fr": []}

    path = root / EDITED
    path.write_text(path.read_text("utf-8").replace("Calgary Climate Innovation Hub", "Calgary Water Hub"), "utf-8")
    edited = generate(root, work, DAY)
    for lang, change in edited.docs.items():
        assert "opportunities/ucalgary-calgary-climate-hackathon-2027.md" in change.changed, lang
        # The page itself and the lists it appears in; never the whole site.
        assert 1 < len(change.changed) < 0.2 * change.pages, (lang, change.changed)
        assert change.removed == []


def test_a_damaged_cache_counts_as_missing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "region")
    work = tmp_path / "build"
    first = generate(root, work, DAY)
    (work / CACHE_FILE).write_bytes(b"not a database" * 100)
    again = generate(root, work, DAY)
    assert again.report.to_json() == first.report.to_json()
    assert again.docs["en"].pages == first.docs["en"].pages


def test_a_big_site_indexes_one_language_after_the_other_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above SMALL_SITE, Pagefind waits for the exports and runs one language
    at a time (memory); the published site must not differ."""
    root = copy_sample(tmp_path / "region")
    build(root, tmp_path / "together", DAY, build_dir=tmp_path / "build-together", progress=_quiet)
    monkeypatch.setattr(pipeline, "SMALL_SITE", 0)
    build(root, tmp_path / "in-turn", DAY, build_dir=tmp_path / "build-in-turn", progress=_quiet)
    together, in_turn = _files(tmp_path / "together"), _files(tmp_path / "in-turn")
    assert set(together) == set(in_turn)
    assert _differences(_stable(together), _stable(in_turn)) == []
    assert sorted(p.name for p in (tmp_path / "build-in-turn" / "pagefind-parts").iterdir()) == [
        "en", "en.state", "fr", "fr.state"
    ]  # fmt: skip
