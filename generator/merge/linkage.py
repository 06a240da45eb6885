"""Probabilistic record linkage (Fellegi–Sunter) with Splink on DuckDB.

The model is a reviewable file, `resources/linkage/model.json`: Splink's own
settings (comparisons, their levels as SQL on the columns of features.py,
blocking rules) with m and u probabilities estimated on a large synthetic
corpus by `benchmarks/train_linkage.py`, never on the region being built, and
the two thresholds chosen on the tuning split of the labelled evaluation set.
Term-frequency adjustments are computed on the data being linked: an apply
domain or employer shared by many postings is weak evidence, a rare one strong.

Each scored pair keeps every comparison's level and its weight (log2 of its
Bayes factor, term frequency included): the match-weight waterfall that
explains the decision field by field. The same settings run on Spark through
Splink's SparkAPI for a national linkage (docs/national-scale.md).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from generator.merge.features import COLUMNS
from generator.paths import RESOURCES

MODEL = RESOURCES / "linkage" / "model.json"
# Values whose frequency in the region being linked is a column of its own
# (`<name>_n`): a link, site or employer shared by many postings is weak
# evidence, a rare one strong (term frequency, with weights the model learns).
COUNTED = ("employer", "url", "domain")
ACRONYM_LONGEST = 4  # words an acronym in a title may stand for
KEY_BLOCK = 40  # most postings one name-and-title blocking key may bring together


@dataclass(frozen=True, slots=True)
class Level:
    """One comparison's say on a pair: its level's label and its weight in bits."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class Scored:
    """A pair the blocking rules brought together, scored."""

    a: str
    b: str
    weight: float  # total match weight: prior + every comparison
    levels: tuple[Level, ...]


@cache
def model() -> dict[str, Any]:
    """The trained settings and the thresholds (see the module's docstring)."""
    data: dict[str, Any] = json.loads(MODEL.read_text("utf-8"))
    return data


def thresholds() -> tuple[float, float]:
    """(group, review): a pair at or above `group` is one opportunity, shown as
    one row; at or above `review`, a person looks."""
    t = model()["thresholds"]
    return float(t["group"]), float(t["review"])


def prior_weight() -> float:
    """The match weight before any field: log2 of the prior odds."""
    p = float(model()["settings"]["probability_two_random_records_match"])
    return math.log2(p / (1 - p))


def _has_tf(settings: dict[str, Any], name: str) -> bool:
    comparison = next(c for c in settings["comparisons"] if c["output_column_name"] == name)
    return any(level.get("tf_adjustment_column") for level in comparison["comparison_levels"])


def table(rows: Sequence[dict[str, Any]], extra: Sequence[str] = ()) -> Any:
    """The records as an Arrow table of the model's columns (and `extra` text columns, e.g. labels)."""
    import pyarrow as pa  # imported when linking: a build with nothing to link never loads it

    schema = pa.schema(
        [
            ("unique_id", pa.string()),
            ("employer", pa.string()),
            ("initials", pa.string()),
            ("employer_words", pa.list_(pa.string())),
            ("url", pa.string()),
            ("domain", pa.string()),
            ("website", pa.string()),
            ("title", pa.list_(pa.string())),
            ("squashed", pa.string()),
            ("wil_type", pa.string()),
            ("family", pa.string()),
            ("start", pa.date32()),
            ("deadline", pa.date32()),
            ("hours", pa.string()),
            ("level", pa.string()),
            ("pay", pa.string()),
            ("city", pa.string()),
            ("division", pa.list_(pa.string())),
            ("site", pa.list_(pa.string())),
            ("institutions", pa.list_(pa.string())),
            ("lead", pa.string()),
            ("last", pa.string()),
            ("part_time", pa.string()),
            *((f"{name}_n", pa.int32()) for name in COUNTED),
            ("lead_key", pa.string()),
            ("last_key", pa.string()),
            *((name, pa.string()) for name in extra),
        ]
    )
    assert tuple(schema.names[: len(COLUMNS)]) == COLUMNS
    titles = region_titles(rows)
    columns = [
        pa.array(titles if name == "title" else [row[name] for row in rows], type=schema.field(name).type)
        for name in COLUMNS
    ]
    for name in COUNTED:
        values = [row[name] for row in rows]
        seen = Counter(values)
        columns.append(pa.array([seen[v] if v is not None else None for v in values], type=pa.int32()))
    columns += [pa.array(keys, type=pa.string()) for keys in _name_keys(titles, rows)]
    columns += [pa.array([row[name] for row in rows], type=pa.string()) for name in extra]
    return pa.Table.from_arrays(columns, schema=schema)


def region_titles(rows: Sequence[dict[str, Any]]) -> list[list[str] | None]:
    """Each record's title words, read with what the region writes elsewhere:
    two words another title writes as one become that word ("Cyber Security",
    "Cybersecurity"), and a word written in capitals whose letters begin a run
    of words in the region's titles, and only one such run, becomes those words
    ("MOA", "Medical Office Assistant"). Like term frequencies, this depends on
    the records linked together, never on a list kept by hand."""
    vocabulary = {w for row in rows for w in row["title"] or ()}
    capitals = {w for row in rows for w in row.get("capitals") or ()}
    runs: dict[str, set[tuple[str, ...]]] = {}
    for row in rows if capitals else ():
        for seq in row.get("phrases") or ():
            for size in range(2, ACRONYM_LONGEST + 1):
                for i in range(len(seq) - size + 1):
                    run = seq[i : i + size]
                    initials = "".join(w[0] for w in run)
                    if initials in capitals and not capitals.intersection(run):  # "QA Analyst" spells no "QA"
                        runs.setdefault(initials, set()).add(tuple(run))
    titles: list[list[str] | None] = []
    for row in rows:
        words = set(row["title"] or ())
        for seq in row.get("phrases") or ():
            for a, b in pairwise(seq):
                if a + b in vocabulary and a in words and b in words:
                    words -= {a, b}
                    words.add(a + b)
        for word in row.get("capitals") or ():
            found = runs.get(word, ())
            if word in words and len(found) == 1:
                words.discard(word)
                words.update(next(iter(found)))
        titles.append(sorted(words) or None)
    return titles


def _name_keys(
    titles: Sequence[list[str] | None], rows: Sequence[dict[str, Any]]
) -> tuple[list[str | None], list[str | None]]:
    """Blocking keys for an employer written two ways ("Riverwalk Contemporary" and
    "Riverwalk Contemporary Gallery Society"): an end of its name with the title's
    rarest word in this region. A key shared by more than KEY_BLOCK postings says
    too little to be worth comparing all their pairs: dropped."""
    words = Counter(w for title in titles for w in title or ())
    rarest = [min(title, key=lambda w: (words[w], w)) if title else None for title in titles]
    out = []
    for end in ("lead", "last"):
        keys = [f"{row[end]} {word}" if row[end] and word else None for row, word in zip(rows, rarest, strict=True)]
        seen = Counter(keys)
        out.append([k if k is not None and seen[k] <= KEY_BLOCK else None for k in keys])
    return out[0], out[1]


def score(
    rows: Sequence[dict[str, Any]], settings: dict[str, Any] | None = None, floor: float | None = None
) -> list[Scored]:
    """Every pair the blocking rules bring together with a match weight of at
    least `floor` (default: the review threshold), each with its waterfall."""
    if len(rows) < 2:
        return []
    import duckdb
    from splink import DuckDBAPI, Linker

    settings = dict(settings or model()["settings"])
    settings["retain_intermediate_calculation_columns"] = True
    floor = thresholds()[1] if floor is None else floor
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        data = table(rows)
        db = DuckDBAPI(connection=con)
        frame = db.register(data, table_name="records")
        linker = Linker(frame, settings, log_level="ERROR", validate_settings=False)
        out = linker.inference.predict(threshold_match_weight=floor, warning_mode="never")
        names = [c["output_column_name"] for c in settings["comparisons"]]
        columns = ", ".join(f"gamma_{n}, mw_{n}" + (f", mw_tf_adj_{n}" if _has_tf(settings, n) else "") for n in names)
        sql = f"select unique_id_l, unique_id_r, match_weight, {columns} from {out.physical_name}"
        relation = con.sql(sql)
        result = [dict(zip(relation.columns, values, strict=True)) for values in relation.fetchall()]
    finally:
        con.close()
    labels = {
        c["output_column_name"]: {
            i: lvl.get("label_for_charts", str(i))
            for i, lvl in enumerate(x for x in reversed(c["comparison_levels"]) if not x.get("is_null_level"))
        }
        for c in settings["comparisons"]
    }
    scored = []
    for row in result:
        levels = []
        for name in names:
            gamma = row[f"gamma_{name}"]
            weight = (row[f"mw_{name}"] or 0.0) + (row.get(f"mw_tf_adj_{name}") or 0.0)
            label = "null" if gamma == -1 else labels[name].get(gamma, str(gamma))
            levels.append(Level(name, label, weight))
        a, b = sorted((row["unique_id_l"], row["unique_id_r"]))
        scored.append(Scored(a, b, float(row["match_weight"]), tuple(levels)))
    scored.sort(key=lambda s: (s.a, s.b))
    return scored
