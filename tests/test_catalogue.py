"""One catalogue per language holds every word: each key the code, the
templates, the models, the vocabularies and the column table ask for exists
in every language, with the same placeholders, and renders without leaking
template syntax or Python internals."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import PROJECT_ROOT

from generator import i18n, vocab
from generator.i18n import catalogue_path, msg, t
from generator.layout import LANGUAGES
from generator.models import Institution, Opportunity
from generator.validate.columns import COLUMNS

PACKAGE = PROJECT_ROOT / "generator"


def _entries(lang: str) -> dict[str, str | tuple[str, ...]]:
    with open(catalogue_path(lang), "rb") as handle:
        po = read_po(handle, locale=lang)
    out: dict[str, str | tuple[str, ...]] = {}
    for message in po:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        assert not message.fuzzy, f"{lang}: {key} is marked fuzzy (needs review)"
        out[key] = message.string
    return out


ENTRIES = {lang: _entries(lang) for lang in LANGUAGES}


def _placeholders(text: str | tuple[str, ...]) -> set[str]:
    texts = [text] if isinstance(text, str) else list(text)
    return {name for t_ in texts for _, name, _, _ in string.Formatter().parse(t_) if name}


def test_every_language_has_the_same_keys_filled_in() -> None:
    reference = ENTRIES["en"]
    assert len(reference) > 800
    for lang, entries in ENTRIES.items():
        assert set(entries) == set(reference), (lang, set(reference) ^ set(entries))
        for key, text in entries.items():
            texts = [text] if isinstance(text, str) else list(text)
            assert all(x for x in texts), f"{lang}: {key} is empty"
            assert isinstance(text, str) == isinstance(reference[key], str), f"{lang}: {key} plural forms differ"


def test_placeholders_agree_across_languages() -> None:
    for key, text in ENTRIES["en"].items():
        if key.startswith("argparse."):
            continue
        for lang in LANGUAGES:
            assert _placeholders(ENTRIES[lang][key]) == _placeholders(text), (lang, key)


def test_french_plural_follows_french_rules() -> None:
    assert t("summary.errors", "fr", count=0) == "0 erreur"
    assert t("summary.errors", "fr", count=2) == "2 erreurs"
    assert t("summary.errors", "en", count=0) == "0 errors"
    assert t("summary.errors", "en", count=1) == "1 error"


# --- keys asked for by the code -----------------------------------------------------

_CALLS = {"t", "msg", "translate", "template", "words", "has"}
_TEMPLATE_KEY = re.compile(r"""v\.t\(\s*["']([a-z0-9_]+)["']\s*[,)]""")
_TEMPLATE_WORDS = re.compile(r"""v\.words\(\s*["']([a-z0-9_.-]+)["']""")


def _keys_in_python() -> set[str]:
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in _CALLS and literal and "." in first.value and " " not in first.value:
                keys.add(first.value)
    return keys


def test_every_key_the_code_names_exists() -> None:
    keys = _keys_in_python()
    assert len(keys) > 60
    missing = {k for k in keys if k not in ENTRIES["en"]}
    assert not missing, missing


def test_every_key_the_templates_name_exists() -> None:
    keys = set()
    for path in (PACKAGE / "render" / "templates").glob("*.j2"):
        text = path.read_text("utf-8")
        keys |= {f"ui.{k}" for k in _TEMPLATE_KEY.findall(text)}
        keys |= set(_TEMPLATE_WORDS.findall(text))
    assert len(keys) > 50
    assert {k for k in keys if k not in ENTRIES["en"]} == set()


def _codes_in_python() -> set[str]:
    """Problem codes passed literally to the functions that create problems."""
    where = {"problem": 2, "at": 0, "add": 1, "_at": 2, "refuse": 0, "CellError": 0}
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in where:
                index = where[node.func.id]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    value = node.args[index].value
                    if isinstance(value, str) and re.fullmatch(r"[a-z0-9-]+", value):
                        codes.add(value)
    return codes


def test_every_problem_code_has_a_message_and_a_fix() -> None:
    codes = _codes_in_python()
    assert len(codes) > 40
    for code in codes:
        for lang in LANGUAGES:
            assert f"problem.{code}" in ENTRIES[lang] and f"problem.{code}.hint" in ENTRIES[lang], (lang, code)


def test_vocabularies_models_and_columns_have_words_in_every_language() -> None:
    for name, terms in vocab.vocabularies().items():
        for term in terms:
            for lang in LANGUAGES:
                assert term.label(lang) and term.definition(lang), (name, term.id, lang)
                if name == "host_profiles":
                    for detail in ("length", "cost", "supervision", "time"):
                        assert term.detail(detail, lang), (term.id, detail, lang)
    for model in (Opportunity, Institution):
        for cls in [model, *(c for c in _submodels(model))]:
            for field in cls.model_fields:
                for lang in LANGUAGES:
                    assert i18n.has(f"field.{cls.__name__}.{field}", lang), (cls.__name__, field, lang)
                    assert i18n.has(f"field.{cls.__name__}.{field}.help", lang), (cls.__name__, field, lang)
    for lang in LANGUAGES:
        headers = [c.header(lang) for c in COLUMNS]
        assert len(set(headers)) == len(headers), lang
        assert all(re.fullmatch(r"[a-z0-9_]+", h) for h in headers), lang


def _submodels(model: type) -> list[type]:
    from generator.validate.fields import _inner_model

    found: list[type] = []
    for info in model.model_fields.values():  # type: ignore[attr-defined]
        inner = _inner_model(info.annotation)
        if inner is not None and inner not in found:
            found += [inner, *_submodels(inner)]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_problem_messages_render_as_plain_language(lang: str) -> None:
    for key in ENTRIES["en"]:
        if not key.startswith("problem."):
            continue
        plural = not isinstance(ENTRIES["en"][key], str)
        text = msg(key, 2 if plural else None).render(lang)
        assert text or key.endswith((".hint",)), key  # a hint may be all parameters (`{type_hint}`)
        for bad in ("{", "}", "Error(", "\\d", "^[", "None", "<class"):
            assert bad not in text, (lang, key, text)


def test_a_missing_key_is_an_error_not_silence() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "fr")


def test_catalogues_ship_inside_the_package() -> None:
    for lang in LANGUAGES:
        assert Path(catalogue_path(lang)).is_relative_to(PACKAGE)
