"""Check one loaded file against its model and explain every error.

Pydantic finds all field errors at once (fast, and never stops at the first);
this module turns each into a Problem at the exact line and column, with
parameters a reporter can phrase in any language: the field's label from the
catalogue, the expected and found kinds of value, allowed values and
near-miss suggestions (from the generated JSON Schema).
"""

from __future__ import annotations

import json
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.i18n import Msg, msg
from generator.layout import LANGUAGES
from generator.load.yamlstrict import LoadedFile
from generator.models import ID_PATTERN, Institution, Opportunity, ProjectProposal, RegionSettings
from generator.paths import INSTITUTION_SCHEMA, OPPORTUNITY_SCHEMA, PROPOSAL_SCHEMA, REGION_SCHEMA
from generator.problems import Loc, Problem, dotted, field_path, listing, problem
from generator.validate.columns import field_for_header
from generator.validate.suggest import closest

M = TypeVar("M", bound=BaseModel)

_SCHEMA_FILES = {
    Opportunity: OPPORTUNITY_SCHEMA,
    Institution: INSTITUTION_SCHEMA,
    RegionSettings: REGION_SCHEMA,
    ProjectProposal: PROPOSAL_SCHEMA,
}

# pydantic's error type -> (what was expected, how to write it)
_EXPECTED = {
    "string_type": ("type.text", "typehint.text"),
    "int_type": ("type.whole-number", "typehint.number"),
    "float_type": ("type.number", "typehint.number"),
    "bool_type": ("type.bool", "typehint.bool"),
    "list_type": ("type.list", "typehint.list"),
    "model_type": ("type.block", "typehint.block"),
    "dict_type": ("type.block", "typehint.block"),
    "model_attributes_type": ("type.block", "typehint.block"),
}

_PATTERN_CODES = {"date": "bad-date", "uri": "bad-url", "email": "bad-email"}


@cache
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    with open(_SCHEMA_FILES[model], encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


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


# --- fields named for people --------------------------------------------------------


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `list[Offering]`, `Optional[Host]`, `Annotated[...]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _label(model: type[BaseModel], loc: Loc) -> Msg | None:
    """The field's label from the catalogue: the deepest named field, a
    language or an item number added when the path ends in one."""
    current: type[BaseModel] | None = model
    label: Msg | None = None
    for part in loc:
        if isinstance(part, int):
            label = msg("field.item", label=label, number=part + 1) if label else None
            continue
        info = current.model_fields.get(part) if current else None
        if current is None or info is None:
            return None
        own = msg(f"field.{current.__name__}.{part}")
        if part in LANGUAGES and label is not None:
            label = msg("field.in-language", label=label, language=msg(f"language.{part}"))
        else:
            label = own
        current = _inner_model(info.annotation)
    return label


def field_ref(model: type[BaseModel], loc: Loc) -> Msg:
    """A field as a message names it: its label, then its path in the file."""
    label = _label(model, loc)
    return msg("field.ref", label=label, path=dotted(loc)) if label else field_path(loc)


def field_help(model: type[BaseModel], loc: Loc) -> Msg | str:
    """The field's help text (what to write), when the catalogue has one."""
    owner: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or owner is None:
            continue
        info = owner.model_fields.get(part)
        owner = _inner_model(info.annotation) if info else None
    name = loc[-1] if loc else ""
    if owner is None or not isinstance(name, str) or name not in owner.model_fields:
        return ""
    return msg(f"field.{owner.__name__}.{name}.help")


# --- values named for people ----------------------------------------------------------


def _found(value: Any) -> Msg:
    if isinstance(value, bool):
        return msg("found.bool", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("found.number", value=value)
    if isinstance(value, str):
        return msg("found.long-text") if len(value) > 40 else msg("found.text", value=value)
    if isinstance(value, list):
        return msg("found.list")
    if isinstance(value, dict):
        return msg("found.block")
    return msg("found.other")


def _type_hint(kind: str, value: Any, loc: Loc) -> Msg:
    hint = _EXPECTED[kind][1]
    key = str(loc[-1]) if loc else ""
    if hint == "typehint.block" and isinstance(value, str):
        return msg("typehint.block-from-text", key=key, value=value[:30])
    return msg(hint, key=key)


def _number(value: Any) -> Any:
    """16.0 -> 16: staff wrote 16."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _unknown_field_suggestion(key: str, parent: Loc, allowed: list[str]) -> str:
    """A near miss, or a spreadsheet column's name used as a field (`date_limite`)."""
    target = field_for_header(key)
    shape = tuple(0 if isinstance(part, int) else part for part in parent)  # any item of a list: the first's
    if target is not None and target[: len(parent)] == shape and len(target) > len(parent):
        return str(target[len(parent)])
    return closest(key, allowed) or ""


def explain(model: type[BaseModel], loaded: LoadedFile, error: dict[str, Any]) -> Problem:
    """One pydantic error as a Problem for staff."""
    kind: str = error["type"]
    loc: Loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx", {})
    path = loaded.path
    node = schema_at(model, loc) or {}
    params: dict[str, Any] = {"field": field_ref(model, loc), "key": str(loc[-1]) if loc else ""}

    def at(code: str, *, key: bool = False, count: int | None = None, **extra: Any) -> Problem:
        params.update(extra)
        return problem(path, loaded.position(loc, key=key), code, params, field_name=dotted(loc), count=count)

    if kind == "extra_forbidden":
        parent = schema_at(model, loc[:-1]) or {}
        allowed = sorted(parent.get("properties", {}))
        best = _unknown_field_suggestion(str(loc[-1]), loc[:-1], allowed)
        return at("unknown-field", key=True, best=best, allowed=listing(allowed))
    if kind == "missing":
        parent_loc = loc[:-1]
        pos = loaded.position(parent_loc, key=True) if parent_loc else loaded.position(())
        params["description"] = field_help(model, loc)
        return problem(path, pos, "missing-field", params, field_name=dotted(loc))
    if kind in ("literal_error", "enum"):
        allowed = node.get("enum", [])
        shown = str(value).lower() if isinstance(value, bool) else str(value)  # as YAML writes it
        return at("unknown-value", value=shown, best=closest(shown, allowed) or "", allowed=listing(allowed))
    if kind in _EXPECTED:
        return at(
            "wrong-type", expected=msg(_EXPECTED[kind][0]), found=_found(value), type_hint=_type_hint(kind, value, loc)
        )
    if kind in ("string_too_short", "string_too_long"):
        formatted = _PATTERN_CODES.get(node.get("format", ""))
        if formatted:  # `5 avril 2027` is not a date, whatever its length
            return at(formatted, value=str(value))
        limit = ctx.get("min_length" if kind.endswith("short") else "max_length", "")
        code = "too-short" if kind.endswith("short") else "too-long"
        length = len(value) if isinstance(value, str) else 0
        return at(code, length=length, limit=limit, count=length if code == "too-short" else None)
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length" if kind == "too_short" else "max_length", 0)
        length = len(value) if isinstance(value, list) else ""
        code = "too-few-items" if kind == "too_short" else "too-many-items"
        return at(code, limit=limit, length=length, count=int(limit) if kind == "too_short" else None)
    if kind == "greater_than":  # an exclusive bound: "more than", never "at least" a value it equals
        return at("not-above", value=_number(value), limit=_number(ctx.get("gt", "")))
    if kind == "greater_than_equal":
        return at("too-small", value=_number(value), limit=_number(ctx.get("ge", "")))
    if kind == "less_than":
        return at("not-below", value=_number(value), limit=_number(ctx.get("lt", "")))
    if kind == "less_than_equal":
        return at("too-large", value=_number(value), limit=_number(ctx.get("le", "")))
    if kind == "bad_month":
        return at("date-no-month", value=str(value), month=ctx["month"])
    if kind == "bad_day":
        month = msg(f"month.{ctx['month']}")
        return at("date-no-day", value=str(value), month=month, year=ctx["year"], days=ctx["days"])
    if kind == "string_pattern_mismatch":
        code = _PATTERN_CODES.get(node.get("format", ""), "")
        if not code and node.get("pattern") == ID_PATTERN:
            code = "bad-id"
        if code:
            return at(code, value=str(value))
        return at("bad-value", description=field_help(model, loc))
    if kind in ("amount_without_pay", "bad_range"):
        data = _value_at(loaded.data, loc) or {}
        first = "amount_min" if "amount_min" in data else "amount_max"
        sub = (*loc, "amount_max" if kind == "bad_range" else first)
        params.update(low=_number(data.get("amount_min")), high=_number(data.get("amount_max")))
        code = "bad-range" if kind == "bad_range" else "amount-without-pay"
        return problem(path, loaded.position(sub), code, params, field_name=dotted(sub))
    if kind == "unsupported_languages":
        sub = ("languages",)
        params.update(expected=ctx.get("expected", ""))
        return problem(path, loaded.position(sub), "region-languages", params, field_name="languages")
    simple = {
        "duplicate_item": "duplicate-item",
        "missing_language": "missing-language",
        "missing_contact": "missing-contact",
        "bad_text": "bad-text",
    }
    if kind in simple:
        return at(simple[kind])
    return at("bad-value", description=field_help(model, loc))


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
