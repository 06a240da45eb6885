"""`wil serve`'s preview (generator/publish/serve.py) with the real loader,
validator and page writer: a file saved with a problem keeps its page in the
preview, as last built, with the problem on top in the preview's language,
through the quick pass and the whole pass; fixed, the page comes back clean
(issue 22, point 3)."""

from __future__ import annotations

from pathlib import Path

from conftest import DAY, copy_sample

from generator.i18n import t
from generator.publish.serve import Preview

EDITED = "opportunities/mru/mru-accounting-co-op.yaml"
PAGE = "opportunities/mru-accounting-co-op.md"


def test_a_file_saved_with_a_problem_shows_it_on_its_page_in_each_language(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "region")
    preview = Preview(root, tmp_path / "build", DAY)
    pages = {lang: tmp_path / "build" / lang / "docs" / PAGE for lang in ("en", "fr")}
    good = {lang: page.read_text("utf-8") for lang, page in pages.items()}
    assert not any("wil-preview-problem" in text for text in good.values())

    path = root / EDITED
    text = path.read_text("utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), start=1) if x.startswith("application_deadline:"))
    path.write_text(text.replace(text.splitlines()[line - 1], "application_deadline: 2027-02-31"), "utf-8")
    assert preview.quick(EDITED)
    for lang, page in pages.items():
        shown = page.read_text("utf-8").replace("&#x27;", "'")
        other = "fr" if lang == "en" else "en"
        assert shown.startswith("---\n") and t("ui.preview_problem", lang) in shown
        assert t("ui.preview_problem", other) not in shown  # each page in its own language
        assert f"<code>{EDITED}</code>" in shown and f"{line}:" in shown  # the file and its line
        assert good[lang].split("\n---\n\n", 1)[1].replace("&#x27;", "'") in shown  # as last built, below

    preview.regenerate()  # the whole pass leaves the file out, the preview keeps showing why
    for lang, page in pages.items():
        assert t("ui.preview_problem", lang) in page.read_text("utf-8").replace("&#x27;", "'")

    path.write_text(text, "utf-8")  # fixed
    preview.quick(EDITED)
    preview.regenerate()
    assert {lang: page.read_text("utf-8") for lang, page in pages.items()} == good


def test_a_fix_seen_first_by_the_whole_pass_still_clears_the_page(tmp_path: Path) -> None:
    """The file is fixed while the whole pass runs (it reads the fixed file
    before the quick pass sees the change): the page the preview wrote with
    the problem on top is rendered again, never kept because the cache
    remembers having written the clean page once (the browser test's flake)."""
    root = copy_sample(tmp_path / "region")
    preview = Preview(root, tmp_path / "build", DAY)
    pages = {lang: tmp_path / "build" / lang / "docs" / PAGE for lang in ("en", "fr")}
    good = {lang: page.read_text("utf-8") for lang, page in pages.items()}
    path = root / EDITED
    text = path.read_text("utf-8")
    broken = "\n".join(
        "application_deadline: 2027-02-31" if x.startswith("application_deadline:") else x for x in text.splitlines()
    )
    path.write_text(broken + "\n", "utf-8")
    preview.quick(EDITED)
    preview.regenerate()
    assert all("wil-preview-problem" in page.read_text("utf-8") for page in pages.values())
    path.write_text(text, "utf-8")  # fixed; only the whole pass sees it
    preview.regenerate()
    assert {lang: page.read_text("utf-8") for lang, page in pages.items()} == good
