"""The strict loader: what PyYAML would silently accept is an error here."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.yamlstrict import load_file, load_text


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in load_text(text, "t.yaml").problems]


def test_values_keep_their_positions() -> None:
    loaded = load_text("a: 1\nb:\n  - x\n  - y: z\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": ["x", {"y": "z"}]}
    assert loaded.value_pos[("a",)] == (1, 4)
    assert loaded.key_pos[("b",)] == (2, 1)
    assert loaded.value_pos[("b", 1, "y")] == (4, 8)


def test_dates_stay_text_and_only_true_false_are_booleans() -> None:
    loaded = load_text("d: 2027-01-15\nt: true\nf: false\nn: 12\nx: 1.5\ns: '2027'\n", "t.yaml")
    assert loaded.data == {"d": "2027-01-15", "t": True, "f": False, "n": 12, "x": 1.5, "s": "2027"}
    assert loaded.problems == []


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "True", "FALSE", "y"])
def test_yaml11_booleans_are_errors(word: str) -> None:
    assert codes(f"flag: {word}\n") == [("ambiguous-boolean", 1, 7)]


def test_quoted_words_are_text() -> None:
    loaded = load_text('flag: "yes"\nnorway: "NO"\n', "t.yaml")
    assert loaded.data == {"flag": "yes", "norway": "NO"} and loaded.problems == []


def test_duplicate_keys_are_errors_even_nested() -> None:
    assert codes("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [("duplicate-key", 4, 3), ("duplicate-key", 5, 1)]


def test_billion_laughs_is_refused_without_expanding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    loaded = load_text(bomb, "t.yaml")
    assert loaded.data is None
    assert {p.code for p in loaded.problems} == {"anchor"}


def test_merge_keys_are_refused() -> None:
    assert codes("base: {a: 1}\nother:\n  <<: {a: 2}\n")[0][0] == "anchor"


def test_special_characters_in_quoted_text_are_fine() -> None:
    loaded = load_text("a: 'R&D *now* !important'\nb: \"50% & more\"\n", "t.yaml")
    assert loaded.problems == [] and loaded.data["a"] == "R&D *now* !important"


def test_python_tags_are_refused() -> None:
    assert codes("a: !!python/object/apply:os.system ['echo hi']\n")[0][0] == "tag"


def test_one_document_only() -> None:
    assert codes("a: 1\n---\nb: 2\n") == [("multiple-documents", 2, 1)]


def test_top_level_must_be_a_mapping() -> None:
    assert codes("- a\n- b\n") == [("not-a-mapping", 1, 1)]
    assert codes("just text\n") == [("not-a-mapping", 1, 1)]


def test_empty_values_are_reported() -> None:
    assert codes("a:\nb: ~\n") == [("empty-value", 1, 3), ("empty-value", 2, 4)]


def test_depth_is_capped() -> None:
    assert codes("a: " + "[" * 40 + "]" * 40 + "\n")[0][0] == "too-deep"


def test_syntax_errors_have_a_position() -> None:
    problems = load_text("a: [1, 2\nb: 3\n", "t.yaml").problems
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert problems[0].line >= 1
    assert problems[0].text("en")[0] == "The file cannot be read as YAML: a list or block in brackets is not closed."
    assert (
        problems[0].text("fr")[0]
        == "Le fichier n'est pas du YAML lisible\u00a0: une liste ou un bloc entre crochets n'est pas fermé."
    )


@pytest.mark.parametrize(
    "text,detail",
    [
        ("a:\n\t- b\n", "a tab character is used for indentation"),
        ("a: b: c\n", "a `name: value` pair is where it cannot be"),
        ('a: "open\nb: 1\n', "a quote is opened but never closed"),
        ("a: 1\n b: 2\nc\n", "a `name: value` pair is where it cannot be"),
        ("a: @home\n", "a value starts with a character YAML reserves"),
        ("a:\n  - 1\n - 2\n", "this line is not indented like the lines above it"),
    ],
)
def test_yaml_errors_are_explained_in_our_words_never_libyamls(text: str, detail: str) -> None:
    """libyaml speaks English of tokens and scalars; staff read our catalogue, in their language."""
    problems = load_text(text, "t.yaml").problems
    assert problems and problems[0].code == "yaml-syntax"
    english, french = problems[0].text("en")[0], problems[0].text("fr")[0]
    assert detail.lower() in english.lower()
    for libyaml in ("scalar", "token", "mapping", "while parsing", "expected <", "block end"):
        assert libyaml not in english and libyaml not in french
    assert french.startswith("Le fichier n'est pas du YAML lisible")


def test_byte_order_mark_is_accepted() -> None:
    assert load_text("\ufeffa: 1\n", "t.yaml").data == {"a": 1}


def test_size_cap_refuses_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: '" + "x" * 5000 + "'\n")
    loaded = load_file(path, max_bytes=1000)
    assert loaded.data is None and [p.code for p in loaded.problems] == ["file-too-large"]


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("a: ok\nb: caf\xe9\n".encode("latin-1"))
    assert [(p.code, p.line, p.column) for p in load_file(path).problems] == [("not-utf8", 2, 7)]


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    assert [p.code for p in load_file(path).problems] == ["not-utf8"]
