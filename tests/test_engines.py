"""The site engines (generator/publish/engine.py), each building the real
sample region: MkDocs and ProperDocs must make the same site byte for byte
apart from the generator tag; Zensical, the canary, must differ from it in
exactly the ways recorded in tests/fixtures/engines/zensical.json (a new
difference fails, and so does one that went away: the record is then
rewritten with WIL_WRITE_ENGINES=1 and the change read in review)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DAY, FIXTURES, PROJECT_ROOT

from generator.publish.engine import ENGINES, GENERATOR_TAG, Builds, EngineError, engine_named
from generator.publish.pipeline import build
from generator.publish.search_index import unstable

RECORD = FIXTURES / "engines" / "zensical.json"


def _quiet(message: object) -> None:
    pass


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _untagged(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pages without the generator tag; Pagefind's files that differ on every run left out."""
    return {k: GENERATOR_TAG.sub(b"", v) for k, v in files.items() if not unstable(k)}


def test_the_engines_are_named_and_an_unknown_one_is_refused() -> None:
    assert set(ENGINES) == {"mkdocs", "properdocs", "zensical"}
    assert engine_named(None).name == "mkdocs"
    with pytest.raises(ValueError, match=r"^hugo$"):
        engine_named("hugo")


def test_a_stock_engine_always_builds_clean_and_ours_may_rebuild_dirty(tmp_path: Path) -> None:
    """A stock engine's dirty mode writes files in place, and published versions share them."""
    config = tmp_path / "mkdocs.yml"
    assert "--dirty" in ENGINES["mkdocs"].build_command(config, dirty=True, strict=False)
    assert "--clean" in ENGINES["mkdocs"].build_command(config, dirty=False, strict=False)
    assert "--clean" in ENGINES["properdocs"].build_command(config, dirty=True, strict=False)
    assert "--dirty" not in ENGINES["zensical"].build_command(config, dirty=True, strict=True)
    assert ENGINES["zensical"].build_command(config, dirty=True, strict=True)[-1] == "--strict"
    # Zensical has no live server of its own here: `wil serve` previews with MkDocs.
    assert "generator.publish.mkdocs_main" in ENGINES["zensical"].serve_command(config, "127.0.0.1:8000")


def test_each_engine_is_run_with_exactly_its_own_command(tmp_path: Path) -> None:
    """The commands as they are run (a wrong flag fails only when the engine runs, in a slow test)."""
    config, python = tmp_path / "mkdocs.yml", sys.executable
    ours = [python, "-m", "generator.publish.mkdocs_main", "build"]
    assert ENGINES["mkdocs"].build_command(config, dirty=True, strict=True) == [
        *ours,
        "--dirty",
        "-f",
        str(config),
        "--strict",
    ]  # fmt: skip  (not quiet: MkDocs counts only the warnings it prints)
    assert ENGINES["mkdocs"].build_command(config, dirty=False, strict=False) == [
        *ours, "--quiet", "--clean", "-f", str(config)
    ]  # fmt: skip
    assert ENGINES["properdocs"].build_command(config, dirty=True, strict=False) == [
        python, "-m", "properdocs", "build", "--quiet", "--clean", "-f", str(config)
    ]  # fmt: skip
    assert ENGINES["zensical"].build_command(config, dirty=True, strict=False) == [
        python, "-m", "zensical", "build", "-f", str(config)
    ]  # fmt: skip
    serve = [python, "-m", "generator.publish.mkdocs_main", "serve", "--dirty", "--quiet", "-f", str(config)]
    assert ENGINES["mkdocs"].serve_command(config, "127.0.0.1:9") == [*serve, "--dev-addr", "127.0.0.1:9"]
    assert ENGINES["properdocs"].serve_command(config, "127.0.0.1:9") == [
        python, "-m", "properdocs", "serve", "--quiet", "-f", str(config), "--dev-addr", "127.0.0.1:9"
    ]  # fmt: skip


def _tiny_site(folder: Path, page: str = "# Hello\n") -> Path:
    """The smallest project of ours: one page, Material, no plugins."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(page, "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Tiny\ntheme:\n  name: material\n  font: false\nplugins: []\ndocs_dir: docs\nsite_dir: site\n",
        "utf-8",
    )
    return config


def test_builds_run_the_engine_per_language_and_say_which_finished(tmp_path: Path) -> None:
    said: list[str] = []
    done: list[str] = []
    configs = {"en": _tiny_site(tmp_path / "en"), "fr": _tiny_site(tmp_path / "fr", "# Bonjour\n")}
    for lang in configs:  # a file an earlier build left: a dirty build keeps it, a clean one does not
        (tmp_path / lang / "site").mkdir()
        (tmp_path / lang / "site" / "stale.html").write_text("old", "utf-8")
    builds = Builds(
        configs, 1_699_920_000, False, lambda m: said.append(m.render("en")), frozenset({"en"}), ENGINES["mkdocs"]
    )
    timings = builds.wait(each=done.append)
    assert sorted(done) == ["en", "fr"] and builds.running == {}
    assert sorted(timings) == ["en", "fr"] and all(0 < seconds < 120 for seconds in timings.values())
    assert "Bonjour" in (tmp_path / "fr" / "site" / "index.html").read_text("utf-8")
    assert (tmp_path / "en" / "site" / "stale.html").exists() and not (tmp_path / "fr" / "site" / "stale.html").exists()
    # The build's date is the given one (SOURCE_DATE_EPOCH), not now: the gzip header's time says so.
    gz = (tmp_path / "en" / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == 1_699_920_000  # 2023-11-14
    assert said[:2] == ["Page build started (English)", "Page build started (French)"]
    finished = [line for line in said if line.startswith("Page build finished")]
    # seconds as a number reads: 1.0 s is "1 s"
    assert len(finished) == 2 and all(
        re.fullmatch(r"Page build finished \((English|French)\) in \d+(\.\d)? s", x) for x in finished
    )


def test_strict_turns_an_engine_warning_into_a_failure(tmp_path: Path) -> None:
    config = _tiny_site(tmp_path / "en", "# Hello\n\n[gone](missing.md)\n")
    assert Builds({"en": config}, 0, False, lambda m: None).wait() != {}
    with pytest.raises(EngineError) as failed:
        Builds({"en": config}, 0, True, lambda m: None).wait()
    assert "missing.md" in failed.value.output


def test_an_engine_that_cannot_start_is_an_engine_error(tmp_path: Path) -> None:
    with pytest.raises(EngineError) as failed:
        Builds({"en": tmp_path / "no-such-folder" / "mkdocs.yml"}, 0, False, lambda m: None, used=ENGINES["zensical"])
    assert failed.value.tool == "zensical" and "no-such-folder" in failed.value.output


def test_a_failing_engine_is_an_engine_error_with_its_own_words(tmp_path: Path) -> None:
    config = _tiny_site(tmp_path / "en")
    config.write_text("site_name: Tiny\ntheme: no-such-theme\n", "utf-8")
    done: list[str] = []
    with pytest.raises(EngineError) as failed:
        Builds({"en": config}, 0, True, lambda m: None, used=ENGINES["properdocs"]).wait(each=done.append)
    assert (
        failed.value.tool == "properdocs" and "[en]" in failed.value.output and "no-such-theme" in failed.value.output
    )
    assert done == []


def test_only_the_engine_module_imports_an_engine() -> None:
    importing = re.compile(r"^\s*(import (mkdocs|properdocs|zensical)|from (mkdocs|properdocs|zensical)\b)", re.M)
    found = sorted(
        p.relative_to(PROJECT_ROOT).as_posix()
        for p in (PROJECT_ROOT / "generator").rglob("*.py")
        if importing.search(p.read_text("utf-8"))
    )
    assert found == ["generator/publish/mkdocs_main.py"]


def _built(work: Path, name: str) -> Path:
    """The sample region built with that engine."""
    site = build(PROJECT_ROOT, work / "site", DAY, build_dir=work / "build", progress=_quiet, engine=name).site
    assert site is not None
    return site


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory.mktemp("mkdocs"), "mkdocs")


@pytest.mark.slow
def test_properdocs_builds_the_same_site_apart_from_the_generator_tag(tmp_path: Path, mkdocs_site: Path) -> None:
    ours, theirs = _files(mkdocs_site), _files(_built(tmp_path, "properdocs"))
    assert set(ours) == set(theirs)
    assert b'content="mkdocs-ProperDocs ' in theirs["index.html"] and b'content="mkdocs-' in ours["index.html"]
    left, right = _untagged(ours), _untagged(theirs)
    assert [name for name in left if left[name] != right[name]] == []


# The canary. Each rule names one kind of difference and removes it from both
# sides; a page is described by the rules it needs to equal MkDocs' page.
RULES: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("generator tag", lambda b: GENERATOR_TAG.sub(b"", b)),
    (
        "theme's own asset files (names, hashes, folders)",
        lambda b: re.sub(
            rb"<(link|script)[^>]*assets/(stylesheets|javascripts)/(modern/)?(main|palette|bundle)[^>]*>(</script>)?",
            b"",
            b,
        ),
    ),
    ("'/' escaped as &#x2f; in attributes", lambda b: b.replace(b"&#x2f;", b"/")),
    ("links starting with ./", lambda b: re.sub(rb'(href|src|action)="\./', rb'\1="', b)),
    ("whitespace between tags", lambda b: re.sub(rb">\s+<", b"><", re.sub(rb"\s+", b" ", b))),
    ("apostrophes written &#x27;", lambda b: b.replace(b"&#x27;", b"&#39;")),
    (
        "the theme's shell around the content (header, navigation, footer)",
        lambda b: b"".join(_parts(b, b"head", b"article")),
    ),
    ("the page's head (metadata, links)", lambda b: b"".join(_parts(b, b"article"))),
    ("a skip-link target the theme adds", lambda b: b.replace(b'<a id="__skip" tabindex="-1"></a>', b"")),
    (
        "relative links in our HTML re-based (one ../ too many: broken links)",
        lambda b: re.sub(rb'(href|src)="(\.\./)+', rb'\1="', b),
    ),
]
# What is left is the content of the page, ours: "other" there is a real difference.


def _parts(page: bytes, *tags: bytes) -> list[bytes]:
    return [m.group(0) for tag in tags for m in re.finditer(rb"<%s[ >].*?</%s>" % (tag, tag), page, re.S)]


def _how(ours: bytes, theirs: bytes) -> list[str]:
    """The rules a page needs, in order; "other" if they are not enough."""
    needed = []
    for name, rule in RULES:
        if ours == theirs:
            break
        left, right = rule(ours), rule(theirs)
        if (left, right) != (ours, theirs):
            needed.append(name)
        ours, theirs = left, right
    return needed + (["other"] if ours != theirs else [])


@pytest.mark.slow
def test_zensical_differs_in_exactly_the_recorded_ways(tmp_path: Path, mkdocs_site: Path) -> None:
    ours, theirs = _files(mkdocs_site), _files(_built(tmp_path, "zensical"))
    pages = sorted(name for name in ours if name.endswith(".html"))
    found = {
        "pages missing": sorted(set(pages) - set(theirs)),
        "pages added": sorted(n for n in theirs if n.endswith(".html") and n not in ours),
        # Our own files (styles, scripts, data, search) are the engine's to copy, not to change.
        "own files that differ": sorted(
            n for n in ours if not n.endswith(".html") and n in theirs and ours[n] != theirs[n] and not unstable(n)
        ),
        "pages": {},
    }
    by_kind: dict[str, list[str]] = {}
    for name in pages:
        if name in theirs and ours[name] != theirs[name]:
            by_kind.setdefault(" + ".join(_how(ours[name], theirs[name])), []).append(name)
    found["pages"] = {kind: {"count": len(names), "first": names[:3]} for kind, names in sorted(by_kind.items())}
    if os.environ.get("WIL_WRITE_ENGINES"):
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert found == json.loads(RECORD.read_text("utf-8"))


def test_our_pages_and_styles_use_our_own_classes() -> None:
    """A theme change touches the theme layer only: our templates name none of
    Material's classes, and our styles only the header and footer partials
    we override in it (docs/engines.md says why)."""
    theirs = re.compile(r'class="[^"]*\bmd-')
    templates = sorted((PROJECT_ROOT / "generator/render/templates").glob("*.j2"))
    assert [p.name for p in templates if theirs.search(p.read_text("utf-8"))] == []
    css = (PROJECT_ROOT / "generator/resources/pages/assets/stylesheets/wil.css").read_text("utf-8")
    assert set(re.findall(r"\.md-[a-z_-]+", css)) == {
        ".md-header",
        ".md-select",
        ".md-select__inner",
        ".md-copyright",
        ".md-copyright__highlight",
    }
    main = (PROJECT_ROOT / "generator/resources/theme/overrides/main.html").read_text("utf-8")
    assert '<div class="wil-content">{{ super() }}</div>' in main
