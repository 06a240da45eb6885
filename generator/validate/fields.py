"""Check one loaded file against its model and explain every error.

Pydantic finds all field errors at once (fast, and never stops at the first);
this module turns each into a Problem at the exact line and column, phrased
for staff, using the generated JSON Schema for field titles, allowed values
and near-miss suggestions.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.load.yamlstrict import LoadedFile, Loc, dotted, problem
from generator.models import ID_PATTERN, Institution, Opportunity
from generator.paths import INSTITUTION_SCHEMA, OPPORTUNITY_SCHEMA
from generator.problems import Problem
from generator.validate.suggest import closest, listing

M = TypeVar("M", bound=BaseModel)

_SCHEMA_FILES = {Opportunity: OPPORTUNITY_SCHEMA, Institution: INSTITUTION_SCHEMA}

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a block of indented `name: value` lines",
    "dict_type": "a block of indented `name: value` lines",
    "model_attributes_type": "a block of indented `name: value` lines",
}

_PATTERN_CODES = {"date": "bad-date", "uri": "bad-url", "email": "bad-email"}


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    with open(_SCHEMA_FILES[model], encoding="utf-8") as handle:
        return json.load(handle)


def _resolve(root: dict[str, Any], node: dict[str, Any] | None) -> dict[str, Any] | None:
    while node is not None:
        if "$ref" in node:
            node = root["definitions"][node["$ref"].rsplit("/", 1)[-1]]
        elif "allOf" in node and "properties" not in node and "enum" not in node and "type" not in node:
            merged = {k: v for k, v in node.items() if k != "allOf"}
            target = _resolve(root, node["allOf"][0]) or {}
            node = {**target, **merged}
        else:
            return node
    return None


def schema_at(model: type[BaseModel], loc: Loc) -> dict[str, Any] | None:
    """The schema node describing the value at `loc`, or None if unknown."""
    root = _schema(model)
    node: dict[str, Any] | None = root
    for part in loc:
        node = _resolve(root, node)
        if node is None:
            return None
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
    return _resolve(root, node)


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text" if len(value) > 40 else f"the text `{value}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    return "something else"


def _type_hint(kind: str, value: Any, loc: Loc) -> str:
    if kind == "string_type":
        return 'Put the value in quotes, for example "...".'
    if kind in ("int_type", "float_type"):
        return "Write a plain number without quotes or units, for example 16."
    if kind == "bool_type":
        return "Write true or false, without quotes."
    if kind == "list_type":
        return f"Write each item on its own line under `{loc[-1] if loc else ''}:`, starting with '- '."
    if isinstance(value, str):
        name = loc[-1] if loc else ""
        return f"Write `{name}:` alone on its line, then its fields on the next lines, indented by two spaces (for example `en: {value[:30]}`)."
    return "Check the indentation: the fields below it must be indented by two spaces."


def _number(value: Any) -> str:
    """16.0 -> 16: staff wrote 16."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def explain(model: type[BaseModel], loaded: LoadedFile, error: dict[str, Any]) -> Problem:
    """One pydantic error as a Problem for staff."""
    kind: str = error["type"]
    loc: Loc = tuple(error["loc"])
    value = error.get("input")
    path = loaded.path
    field_name = dotted(loc)
    node = schema_at(model, loc) or {}
    params: dict[str, str] = {"field": field_name, "key": str(loc[-1]) if loc else ""}

    def at(code: str, *, key: bool = False, **extra: str) -> Problem:
        params.update(extra)
        return problem(path, loaded.position(loc, key=key), code, params, field_name=field_name)

    if kind == "extra_forbidden":
        parent = schema_at(model, loc[:-1]) or {}
        allowed = sorted(parent.get("properties", {}))
        return at("unknown-field", key=True, best=closest(str(loc[-1]), allowed) or "", allowed=listing(allowed))
    if kind == "missing":
        parent_loc = loc[:-1]
        params["description"] = node.get("description", "")
        pos = loaded.position(parent_loc, key=True) if parent_loc else loaded.position(())
        return problem(path, pos, "missing-field", params, field_name=field_name)
    if kind in ("literal_error", "enum"):
        allowed = node.get("enum", [])
        return at("unknown-value", value=str(value), best=closest(str(value), allowed) or "", allowed=listing(allowed))
    if kind in _EXPECTED:
        return at("wrong-type", expected=_EXPECTED[kind], found=_found(value), type_hint=_type_hint(kind, value, loc))
    if kind in ("string_too_short", "string_too_long"):
        limit = str(error.get("ctx", {}).get("min_length" if kind.endswith("short") else "max_length", ""))
        code = "too-short" if kind.endswith("short") else "too-long"
        return at(code, length=str(len(value) if isinstance(value, str) else 0), limit=limit)
    if kind in ("too_short", "too_long"):
        ctx = error.get("ctx", {})
        limit = str(ctx.get("min_length" if kind == "too_short" else "max_length", ""))
        length = str(len(value)) if isinstance(value, list) else ""
        return at("too-few-items" if kind == "too_short" else "too-many-items", limit=limit, length=length)
    if kind in ("greater_than", "greater_than_equal"):
        ctx = error.get("ctx", {})
        return at("too-small", value=_number(value), limit=_number(ctx.get("gt", ctx.get("ge", ""))))
    if kind in ("less_than", "less_than_equal"):
        ctx = error.get("ctx", {})
        return at("too-large", value=_number(value), limit=_number(ctx.get("lt", ctx.get("le", ""))))
    if kind in ("string_pattern_mismatch", "bad_date"):
        code = "bad-date" if kind == "bad_date" else _PATTERN_CODES.get(node.get("format", ""), "")
        if not code and node.get("pattern") == ID_PATTERN:
            code = "bad-id"
        if code:
            return at(code, value=str(value))
        return at("bad-value", description=node.get("description", ""))
    simple = {
        "duplicate_item": "duplicate-item",
        "missing_language": "missing-language",
        "missing_contact": "missing-contact",
        "bad_text": "bad-text",
    }
    if kind in ("amount_without_pay", "bad_range"):
        data = _value_at(loaded.data, loc) or {}
        first = "amount_min" if "amount_min" in data else "amount_max"
        sub = (*loc, "amount_max" if kind == "bad_range" else first)
        params.update(low=_number(data.get("amount_min")), high=_number(data.get("amount_max")))
        code = "bad-range" if kind == "bad_range" else "amount-without-pay"
        return problem(path, loaded.position(sub), code, params, field_name=dotted(sub))
    if kind in simple:
        return at(simple[kind], detail="control character")
    return at("bad-value", description=node.get("description", ""))


def _inside(path: str, field: str) -> bool:
    """`host_commitment.hours_total` is inside `host_commitment`, not inside `host`."""
    return path == field or path.startswith((field + ".", field + "["))


def check(model: type[M], loaded: LoadedFile) -> tuple[M | None, list[Problem]]:
    """Validate a loaded file; return the record (if valid) and all problems.

    One mistake gives one message: errors at a field the loader already
    reported (an ambiguous `yes`, an empty value) are dropped, and a missing
    field is not reported when a misspelt field name right beside it is.
    """
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    already = {p.field for p in loaded.problems}
    explained = [(tuple(err["loc"]), explain(model, loaded, err)) for err in errors]
    misspelt = {
        (loc[:-1], p.params.get("best")) for loc, p in explained if p.code == "unknown-field" and p.params.get("best")
    }
    problems = [
        p
        for loc, p in explained
        if not any(_inside(f, p.field) for f in already)
        and not (p.code == "missing-field" and (loc[:-1], loc[-1]) in misspelt)
    ]
    return None, problems
