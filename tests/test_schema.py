"""One source of truth: the schema files are generated from the models, are
valid draft-07, describe every field for staff, and accept and reject the
same data as the models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURES, PROJECT_ROOT, cases, read_case

from generator import schema_export
from generator.load.yamlstrict import load_file
from generator.models import Institution, Opportunity
from generator.paths import INSTITUTION_SCHEMA, OPPORTUNITY_SCHEMA

SCHEMAS = {"opportunity": OPPORTUNITY_SCHEMA, "institution": INSTITUTION_SCHEMA}

# Codes that are not about the shape of one file, or that the models check
# with Python (real calendar dates, control characters, consistent amounts):
# the schema cannot be expected to flag these.
NOT_SCHEMA_CODES = {
    "empty-file",
    "not-a-mapping",
    "multiple-documents",
    "yaml-syntax",
    "not-utf8",
    "duplicate-key",
    "anchor",
    "tag",
    "ambiguous-boolean",
    "empty-value",
    "too-deep",
    "file-too-large",
    "misplaced-file",
    "unknown-folder",
    "wrong-folder",
    "filename-mismatch",
    "duplicate-id",
    "unknown-institution",
    "unknown-same-as",
    "same-as-self",
    "date-no-month",
    "date-no-day",
    "placeholder-text",
    "end-before-start",
    "deadline-after-end",
    "bad-text",
    "amount-without-pay",
    "bad-range",
    "future-published",  # depends on the day of the build, which a schema cannot know
}


def _load_schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def test_schema_files_are_generated_from_the_models() -> None:
    for path, text in schema_export.rendered(PROJECT_ROOT).items():
        assert Path(path).read_text("utf-8") == text, f"{path} is stale: run `wil schema`"


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft07(name: str) -> None:
    schema = _load_schema(SCHEMAS[name])
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_is_explained_and_bounded(name: str) -> None:
    schema = _load_schema(SCHEMAS[name])
    props = list(_properties(schema))
    assert len(props) > 10
    for where, prop in props:
        assert prop.get("title") and prop.get("description"), f"{where} needs a title and a description"
        target = prop
        if "allOf" in prop:
            ref = prop["allOf"][0]["$ref"].rsplit("/", 1)[-1]
            target = schema["definitions"][ref]
        if target.get("type") == "string" and "enum" not in target:
            assert "maxLength" in target, f"{where} needs a length bound"
    objects = [schema, *schema["definitions"].values()]
    assert all(o.get("additionalProperties") is False for o in objects)


def _validator(kind: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(_load_schema(SCHEMAS[kind]), format_checker=None)


def _shipped() -> list[tuple[str, Path]]:
    out = [("institution", p) for p in sorted((PROJECT_ROOT / "institutions").glob("*.yaml"))]
    out += [("opportunity", p) for p in sorted((PROJECT_ROOT / "opportunities").glob("*/*.yaml"))]
    out += [("opportunity", c.source) for c in cases("valid") + cases("valid_with_warnings")]
    return out


@pytest.mark.parametrize("kind,path", _shipped(), ids=lambda v: getattr(v, "name", v))
def test_schema_and_models_accept_the_same_valid_files(kind: str, path: Path) -> None:
    data = load_file(path).data
    model = Opportunity if kind == "opportunity" else Institution
    model.model_validate(data)
    assert list(_validator(kind).iter_errors(data)) == []


def _schema_level_cases() -> list[Any]:
    out = []
    for case in cases("invalid"):
        codes = {code for code, _, _ in case.errors}
        if codes - NOT_SCHEMA_CODES and codes.isdisjoint({"bad-date"} if "impossible" in case.name else set()):
            out.append(case)
    return out


@pytest.mark.parametrize("case", _schema_level_cases(), ids=lambda c: c.name)
def test_schema_rejects_what_the_models_reject(case: Any) -> None:
    kind = "institution" if case.place.startswith("institutions/") else "opportunity"
    data = load_file(case.source).data
    assert data is not None
    model = Opportunity if kind == "opportunity" else Institution
    with pytest.raises(ValueError):
        model.model_validate(data)
    assert list(_validator(kind).iter_errors(data)), f"the schema accepts {case.name}"


def test_there_are_schema_level_cases() -> None:
    assert len(_schema_level_cases()) >= 20
    assert read_case(FIXTURES / "valid" / "base-valid.yaml").errors == frozenset()
