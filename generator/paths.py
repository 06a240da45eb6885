"""Where things live. The schema and vocabularies ship with the code; the
data folder (institutions/, opportunities/) can be any checkout or a
synthetic region made by the benchmarks."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_ROOT / "schema"
VOCABULARIES = SCHEMA_DIR / "vocabularies.yaml"
OPPORTUNITY_SCHEMA = SCHEMA_DIR / "opportunity.schema.json"
INSTITUTION_SCHEMA = SCHEMA_DIR / "institution.schema.json"

INSTITUTIONS_DIR = "institutions"
OPPORTUNITIES_DIR = "opportunities"
