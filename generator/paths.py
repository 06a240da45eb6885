"""Where things live.

Everything the code reads ships inside the package (schema, vocabularies,
catalogues, theme, hand-written pages), so an installed `wil` works on any
folder of data, not only beside this repository's source tree. The data
folder (institutions/, opportunities/) is any checkout, or a synthetic
region made by the benchmarks.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
RESOURCES = PACKAGE / "resources"
LOCALES = PACKAGE / "locales"

SCHEMA_DIR = RESOURCES / "schema"
VOCABULARIES = SCHEMA_DIR / "vocabularies.yaml"
OPPORTUNITY_SCHEMA = SCHEMA_DIR / "opportunity.schema.json"
INSTITUTION_SCHEMA = SCHEMA_DIR / "institution.schema.json"
REGION_SCHEMA = SCHEMA_DIR / "region.schema.json"
PROPOSAL_SCHEMA = SCHEMA_DIR / "proposal.schema.json"

THEME = RESOURCES / "theme"  # the shared mkdocs.yml and Material overrides
BASE_CONFIG = THEME / "mkdocs.yml"
OVERRIDES = THEME / "overrides"
PAGES = RESOURCES / "pages"  # hand-written pages: one folder per language, plus assets/

# Inside a data checkout (relative to its root).
INSTITUTIONS_DIR = "institutions"
OPPORTUNITIES_DIR = "opportunities"
PROPOSALS_DIR = "proposals"  # projects employers propose to the region (contribute/proposal.py)
PUBLISHED_SCHEMA_DIR = "schema"  # the copies people read and editors point at
