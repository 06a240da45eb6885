"""Generate the draft-07 JSON Schema files from the models (and publish
copies of them and of the vocabularies in the checkout's schema/ folder).

Editors' YAML language server fully supports draft-07 only, while pydantic
writes draft 2020-12. The differences that matter are converted here:
`$defs` becomes `definitions`, a `$ref` never has siblings (draft-07 ignores
them, so the field's title and description would vanish from hover help),
and `default: null` is dropped (an omitted field is simply absent).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.models import Institution, Opportunity, ProjectProposal, RegionSettings
from generator.paths import (
    INSTITUTION_SCHEMA,
    OPPORTUNITY_SCHEMA,
    PROPOSAL_SCHEMA,
    PUBLISHED_SCHEMA_DIR,
    REGION_SCHEMA,
    VOCABULARIES,
)

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_BASE = "https://wil-directory.example.org/schema/"


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _convert(value) for key, value in node.items() if key != "$defs"}
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        if len(out) > 1:
            ref = out.pop("$ref")
            out["allOf"] = [{"$ref": ref}]
    if out.get("default", 0) is None:
        del out["default"]
    return out


def draft07(model: type[BaseModel], file_name: str) -> dict[str, Any]:
    """The model's schema as draft-07, with a stable $id and sorted keys."""
    raw = model.model_json_schema(mode="validation")
    converted = _convert(raw)
    schema: dict[str, Any] = {"$schema": DRAFT_07, "$id": SCHEMA_BASE + file_name}
    schema.update(converted)
    if "$defs" in raw:
        schema["definitions"] = {name: _convert(sub) for name, sub in raw["$defs"].items()}
    return schema


def rendered(root: Path) -> dict[str, str]:
    """File path -> exact text it must contain: the schemas the package reads
    (generated from the models), and in the checkout's schema/ folder the
    copies people and editors read, vocabularies included."""
    out = {}
    for model, path in (
        (Opportunity, OPPORTUNITY_SCHEMA),
        (Institution, INSTITUTION_SCHEMA),
        (RegionSettings, REGION_SCHEMA),
        (ProjectProposal, PROPOSAL_SCHEMA),
    ):
        text = json.dumps(draft07(model, path.name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        out[str(path)] = text
        out[str(root / PUBLISHED_SCHEMA_DIR / path.name)] = text
    out[str(root / PUBLISHED_SCHEMA_DIR / VOCABULARIES.name)] = VOCABULARIES.read_text("utf-8")
    return out
