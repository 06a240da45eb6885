"""A reader only ever sees a whole old site or a whole new one
(generator/publish/release.py): the fast tests drive versions and the link
directly; the slow ones kill a real build (SIGKILL, as `kill -9` would) at
many points of publishing and compare every byte of `site/` with the
complete builds before and after."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, TODAY, copy_sample

from generator.cli import main
from generator.publish.release import KILL_AT, PARTIAL, Release


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _source(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, "utf-8")
    return folder


def _release(release: Release, source: Path) -> Path:
    folder = release.start()
    release.assemble([(source, "", ())], folder)
    return release.switch(folder)


# Fast: the versions and the link, without a build.


def test_a_site_is_a_link_to_a_complete_version_and_keeps_the_one_before(tmp_path: Path) -> None:
    out = tmp_path / "site"
    release = Release(out)
    first = _release(release, _source(tmp_path / "a", {"index.html": "one", "fr/index.html": "un"}))
    assert out.is_symlink() and os.readlink(out) == ".site.versions/v000001" and first.name == "v000001"
    assert _files(out) == {"index.html": b"one", "fr/index.html": b"un"}
    second = _release(release, _source(tmp_path / "b", {"index.html": "two"}))
    assert second.name == "v000002" and _files(out) == {"index.html": b"two"}
    third = _release(release, _source(tmp_path / "c", {"index.html": "three"}))
    # The version just replaced stays for rollback; older ones go.
    assert sorted(p.name for p in release.versions.iterdir()) == ["previous", "v000002", "v000003"]
    assert os.readlink(release.versions / "previous") == "v000002"
    assert third.name == "v000003"


def test_a_version_shares_its_unchanged_files_with_the_source_as_hard_links(tmp_path: Path) -> None:
    source = _source(tmp_path / "a", {"index.html": "one"})
    out = tmp_path / "site"
    _release(Release(out), source)
    assert (out / "index.html").stat().st_ino == (source / "index.html").stat().st_ino


def test_rollback_goes_back_one_version_and_says_so_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    release = Release(out)
    _release(release, _source(tmp_path / "a", {"index.html": "one"}))
    _release(release, _source(tmp_path / "b", {"index.html": "two"}))
    assert main(["rollback", "--out", str(out)]) == 0
    assert _files(out) == {"index.html": b"one"}
    said = capsys.readouterr().err
    assert f"{out} shows its previous version again (v000001); the next build publishes a new one." in said
    # Nothing older than the first version: refused, and the site is left as it is.
    assert main(["rollback", "--lang", "fr", "--out", str(out)]) == 1
    assert f"{out} n'a pas de version précédente à rétablir." in capsys.readouterr().err
    assert _files(out) == {"index.html": b"one"}


def test_rollback_without_a_site_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rollback", "--out", str(tmp_path / "site")]) == 1
    assert "has no previous version to go back to." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_version_left_half_made_is_never_linked_and_goes_at_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "site"
    release = Release(out)
    _release(release, _source(tmp_path / "a", {"index.html": "one"}))
    half = release.start()  # a build killed while putting its version together
    release.assemble([(_source(tmp_path / "b", {"index.html": "two", "x.html": "x"}), "", ())], half)
    assert half.name.endswith(PARTIAL) and _files(out) == {"index.html": b"one"}
    again = release.start()
    assert again.name == f"v000002{PARTIAL}" and list(again.iterdir()) == []  # the half-made files are gone


def test_a_site_made_before_versions_becomes_the_previous_version(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _source(out, {"index.html": "plain"})
    release = Release(out)
    _release(release, _source(tmp_path / "a", {"index.html": "one"}))
    assert out.is_symlink() and _files(out) == {"index.html": b"one"}
    assert release.rollback() is not None and _files(out) == {"index.html": b"plain"}


def test_up_to_date_means_the_same_files_and_nothing_more(tmp_path: Path) -> None:
    source = _source(tmp_path / "a", {"index.html": "one", "fr/index.html": "un"})
    out = tmp_path / "site"
    release = Release(out)
    assert not release.up_to_date([(source, "", ())])  # no site yet
    _release(release, source)
    assert release.up_to_date([(source, "", ())])
    # A tool rewrote a file with the same bytes (a new inode): still up to date.
    (source / "index.html").unlink()
    (source / "index.html").write_text("one", "utf-8")
    assert release.up_to_date([(source, "", ())])
    # Same size, other bytes.
    (source / "index.html").unlink()
    (source / "index.html").write_text("two", "utf-8")
    assert not release.up_to_date([(source, "", ())])
    (source / "index.html").unlink()
    (source / "index.html").write_text("one", "utf-8")
    # A file the site has that no source has any more.
    (source / "fr/index.html").unlink()
    assert not release.up_to_date([(source, "", ())])
    # A file the sources have that the site lacks.
    _release(release, source)
    (source / "new.html").write_text("new", "utf-8")
    assert not release.up_to_date([(source, "", ())])
    # A name left out at the top is not expected in the site.
    assert release.up_to_date([(source, "", ("new.html",))])


def test_the_test_kill_switch_counts_publishing_steps(tmp_path: Path) -> None:
    """The fault injection the slow tests rely on kills at exactly the step named."""
    script = (
        "import sys; from pathlib import Path; from generator.publish.release import Release\n"
        "r = Release(Path(sys.argv[1])); f = r.start()\n"
        "r.assemble([(Path(sys.argv[2]), '', ())], f); r.switch(f)\n"
    )
    source = _source(tmp_path / "a", {f"{i}.html": str(i) for i in range(5)})
    out = tmp_path / "site"
    run = [sys.executable, "-c", script, str(out), str(source)]
    env = {**os.environ, KILL_AT: "3"}
    assert subprocess.run(run, env=env, cwd=PROJECT_ROOT).returncode == -signal.SIGKILL
    assert not out.exists()  # killed while linking: nothing published
    env[KILL_AT] = "7"  # after the rename of the folder and the new link, before it replaces `site`
    assert subprocess.run(run, env=env, cwd=PROJECT_ROOT).returncode == -signal.SIGKILL
    assert not out.exists()
    assert subprocess.run(run, cwd=PROJECT_ROOT).returncode == 0
    assert len(_files(out)) == 5


# Slow: a real build killed while it publishes.

EDITED = "opportunities/ucalgary/ucalgary-calgary-climate-hackathon-2027.yaml"
REMOVED = "opportunities/sait/sait-food-bank-warehouse-field-placement.yaml"
COPIED = "opportunities/mru/mru-accounting-co-op.yaml"


def _edit(root: Path) -> None:
    """One title edited, one file deleted, one added: pages, lists, exports and search all change."""
    path = root / EDITED
    path.write_text(path.read_text("utf-8").replace("Climate", "Climate-and-Water", 1), "utf-8")
    (root / REMOVED).unlink()
    copied = (root / COPIED).read_text("utf-8")
    old_id = Path(COPIED).stem
    new = root / "opportunities/mru/mru-accounting-co-op-winter.yaml"
    new.write_text(
        copied.replace(old_id, new.stem).replace("Accounting co-op work term", "Winter payroll co-op work term", 1),
        "utf-8",
    )


def _build(root: Path, out: Path, *, kill_at: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ}
    env.pop(KILL_AT, None)
    if kill_at is not None:
        env[KILL_AT] = str(kill_at)
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out), "--today", TODAY]
    return subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _snapshot(out: Path) -> dict[str, bytes]:
    """The site as one reader sees it: the link read once, then every file of that version."""
    return _files((out.parent / os.readlink(out)).resolve())


@pytest.mark.slow
def test_a_build_killed_at_any_point_of_publishing_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    root, out = copy_sample(tmp_path / "region"), tmp_path / "site"
    started = time.perf_counter()
    assert _build(root, out).wait() == 0
    took = time.perf_counter() - started
    old = _snapshot(out)
    release = Release(out)
    _edit(root)
    seen: list[tuple[str, dict[str, bytes]]] = []

    def look(when: str) -> None:
        """Record what a reader sees; if the killed build got as far as the
        switch, go back to the old site so the next kill meets real work."""
        seen.append((when, _snapshot(out)))
        if seen[-1][1] != old:
            assert release.rollback() is not None
            assert _snapshot(out) == old

    # Killed from outside, with its MkDocs and Pagefind processes, at moments
    # spread over the build (each kill leaves build/ further along).
    for fraction in (0.1, 0.3, 0.6):
        process = _build(root, out)
        time.sleep(took * fraction)
        _kill_group(process)
        look(f"{fraction:.0%} of a build")

    # Killed from inside at chosen steps: while linking the new version's
    # files (n of them), at its rename (n + 1), while the link to the
    # previous version is made (n + 2, n + 3), between the new link and the
    # switch (n + 4), at the switch (n + 5), while older versions are removed.
    n = len(old)
    for point in sorted({1, 2, n // 3, n // 2, n - 1, n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7}):
        code = _build(root, out, kill_at=point).wait()
        look(f"step {point} (exit {code})")

    # A reader watching throughout one complete build.
    stop = threading.Event()
    watched: list[dict[str, bytes]] = []

    def watch() -> None:
        while not stop.is_set():
            watched.append(_snapshot(out))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        assert _build(root, out).wait() == 0  # the next build completes
    finally:
        stop.set()
        watcher.join()
    new = _snapshot(out)
    seen += [("watched", snap) for snap in watched]

    assert new != old
    assert "Climate-and-Water" in new["opportunities/ucalgary-calgary-climate-hackathon-2027/index.html"].decode()
    assert "opportunities/mru-accounting-co-op-winter/index.html" in new
    mixed = [when for when, snap in seen if snap not in (old, new)]
    assert mixed == []
    kinds = {"old" if snap == old else "new" for when, snap in seen if when != "watched"}
    assert kinds == {"old", "new"}, "the kill points must fall both before and after the switch"
    assert len(watched) > 3 and watched[0] == old and watched[-1] == new
    # One version to roll back to, no more; nothing left half made.
    previous = release.previous()
    assert previous is not None and _files(previous) == old
    assert sorted(p.name for p in release.versions.iterdir()) == sorted(
        ["previous", previous.name, Path(os.readlink(out)).name]
    )


def test_what_is_current_and_previous_and_what_is_not_ours(tmp_path: Path) -> None:
    out = tmp_path / "site"
    release = Release(out)
    assert release.current() is None and release.previous() is None
    # A link someone made to a folder elsewhere is a site, but not one of our versions:
    # it is replaced, never removed.
    elsewhere = _source(tmp_path / "elsewhere", {"index.html": "theirs"})
    out.symlink_to(elsewhere)
    assert release.current() == out and release._target() is None
    _release(release, _source(tmp_path / "a", {"index.html": "one"}))
    assert _files(out) == {"index.html": b"one"} and _files(elsewhere) == {"index.html": b"theirs"}
    assert release.previous() is None  # nothing of ours to go back to
    # A `previous` link naming the current version is no previous version.
    os.symlink("v000001", release.versions / "previous")
    assert release.previous() is None


def test_a_version_never_switched_to_goes_at_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "site"
    release = Release(out)
    _release(release, _source(tmp_path / "a", {"index.html": "one"}))
    _release(release, _source(tmp_path / "b", {"index.html": "two"}))
    orphan = release.versions / "v000007"  # complete, but killed before the switch
    _source(orphan, {"index.html": "orphan"})
    stray = release.versions / "notes.txt"  # not a version: left alone
    stray.write_text("x", "utf-8")
    release.start()
    assert sorted(p.name for p in release.versions.iterdir()) == [
        "notes.txt", "previous", "v000001", "v000002", "v000003.partial"
    ]  # fmt: skip


def test_a_version_is_put_together_part_by_part_and_every_step_counted(tmp_path: Path) -> None:
    out = tmp_path / "site"
    release = Release(out)
    folder = release.start()
    release.assemble([(_source(tmp_path / "a", {"index.html": "one", "a/b/c.html": "deep"}), "", ())], folder)
    release.assemble([(_source(tmp_path / "b", {"x.html": "two"}), "fr/", ())], folder)
    assert release.steps.count == 3  # one step per file linked; nothing of the first part swept
    release.switch(folder)
    assert release.steps.count == 3 + 1 + 2  # the rename, the new link made, the switch
    assert _files(out) == {"index.html": b"one", "a/b/c.html": b"deep", "fr/x.html": b"two"}
    sources = [(tmp_path / "a", "", ()), (tmp_path / "b", "fr/", ())]
    assert release.up_to_date(sources)  # nested folders and prefixes compared at their place
    (tmp_path / "a" / "a/b/c.html").unlink()
    (tmp_path / "a" / "a/b/c.html").write_text("deeper", "utf-8")  # another size
    assert not release.up_to_date(sources)
    again = release.start()
    release.assemble([(tmp_path / "b", "", ())], again)
    release.switch(again)
    assert release.steps.count == 6 + 1 + 1 + 2 + 2  # a file, the rename, the `previous` link (2), the switch (2)


def test_a_plain_folder_is_never_up_to_date_and_is_kept_as_version_zero(tmp_path: Path) -> None:
    source = _source(tmp_path / "a", {"index.html": "one"})
    out = _source(tmp_path / "site", {"index.html": "one"})
    release = Release(out)
    assert not release.up_to_date([(source, "", ())])  # the same bytes, but no version to keep
    _release(release, source)
    assert sorted(p.name for p in release.versions.iterdir()) == ["previous", "v000000", "v000001"]
    assert os.readlink(release.versions / "previous") == "v000000"


def test_the_kill_switch_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.publish.release import Steps

    monkeypatch.setenv(KILL_AT, "3")
    steps = Steps()
    assert (steps.kill_at, steps.count) == (3, 0)
    steps()
    steps()
    assert steps.count == 2  # still alive: the kill is at the third step
    monkeypatch.setenv(KILL_AT, "soon")
    assert Steps().kill_at is None
    monkeypatch.delenv(KILL_AT)
    assert Steps().kill_at is None


def test_a_version_that_will_not_be_published_leaves_nothing(tmp_path: Path) -> None:
    release = Release(tmp_path / "site")
    folder = release.start()
    release.assemble([(_source(tmp_path / "a", {"index.html": "one"}), "", ())], folder)
    release.abandon(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # no version, no versions folder
    _release(release, _source(tmp_path / "b", {"index.html": "two"}))
    release.abandon(release.start())
    assert sorted(p.name for p in release.versions.iterdir()) == ["v000001"]  # the published one stays
