"""Train the record linkage model and write generator/resources/linkage/model.json.

The comparisons below (Splink settings: each field's levels as SQL over the
columns of generator/merge/features.py) are the model's structure; training
fills in their weights:

- the **corpus**: three regions written by the independent job-board
  generator (tests/fixtures/linkage/jobboards.py) with other seeds than the
  evaluation region, blocked by the model's own rules: about 250,000 scored
  pairs, 5,000 of them one opportunity. Neither the evaluation region nor
  any region being built is trained on;
- the **weights**: one logistic regression over every comparison level at
  once (`regressed`), each weight bounded to its sign (an agreement never
  counts against a pair), written back as Splink m and u so that Splink
  scores and explains the model unchanged; `counted` (the textbook m and u
  counted field by field) is kept to compare (`--estimator counted`);
- the **thresholds**, from the evaluation region's *tune* split only: `group`
  one bit above the strongest pair of two opportunities there (no wrong
  group), `review` the lowest weight where at least three in five of the
  pairs left for people are true, raised if needed so that a synthetic
  region of 100,000 records asks people about at most 1.8 % of its records.

The SQL is written in functions DuckDB and Spark share (`array_intersect`,
`array_length`), so benchmarks/bench_spark.py runs the same file on Spark.

    python -m benchmarks.train_linkage            # writes the model
    python -m benchmarks.train_linkage --check    # fails if the written model differs
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "linkage"))

TRAIN_SEEDS = (4242, 4243, 4244)  # not the evaluation region's seed
TRAIN_FAMILIES = 600  # per seed
BUDGET = 0.018  # review pairs per record at 100,000 synthetic records (the issue allows 2 %)


def _level(label: str, sql: str, tf: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if tf:
        out["tf_adjustment_column"] = tf
        out["tf_adjustment_weight"] = 1.0
    return out


def _null(*cols: str) -> dict[str, Any]:
    sql = " OR ".join(f'"{c}_l" IS NULL OR "{c}_r" IS NULL' for c in cols)
    return {"sql_condition": sql, "label_for_charts": "null", "is_null_level": True}


def _else() -> dict[str, Any]:
    return {"sql_condition": "ELSE", "label_for_charts": "else"}


def _days(col: str) -> dict[str, Any]:
    diff = f'abs(date_diff(\'day\', "{col}_l", "{col}_r"))'
    return {
        "output_column_name": col,
        "comparison_levels": [
            _null(col),
            _level("same-week", f"{diff} <= 7"),
            _level("same-month", f"{diff} <= 31"),
            _level("same-season", f"{diff} <= 92"),
            _level("next-year", f"{diff} BETWEEN 300 AND 430"),
            _else(),
        ],
    }


_SAME_EMPLOYER = '"employer_l" = "employer_r"'


def _differs() -> str:
    """SQL: the number of fields that disagree outright (a missing value disagrees with nothing)."""
    both = lambda c: f'"{c}_l" IS NOT NULL AND "{c}_r" IS NOT NULL'  # noqa: E731
    far = lambda c: f'{both(c)} AND abs(date_diff(\'day\', "{c}_l", "{c}_r")) > 7'  # noqa: E731
    named = (
        '"employer_l" = "employer_r" OR "employer_l" = "initials_r" OR "initials_l" = "employer_r"'
        f" OR {_share('employer_words')} = 1"
    )
    tests = [
        f"{both('employer')} AND NOT ({named})",
        f"{both('title')} AND {_share('title')} < 0.6",
        far("start"),
        far("deadline"),
        f'{both("hours")} AND "hours_l" <> "hours_r"',
        '"part_time_l" <> "part_time_r"',
        '"level_l" <> "level_r"',
        f"{both('pay')} AND split_part(\"pay_l\", ' ', 1) <> split_part(\"pay_r\", ' ', 1)",
        f'{both("city")} AND "city_l" <> "city_r"',
        f"{both('division')} AND {_share('division')} < 1",
        f"{both('site')} AND {_share('site')} < 1",
    ]
    return " + ".join(f"(CASE WHEN {t} THEN 1 ELSE 0 END)" for t in tests)


def _rare(col: str, most: int) -> str:
    """Both records' value is shared by at most `most` postings of the region being linked."""
    return f'greatest("{col}_n_l", "{col}_n_r") <= {most}'


def _jaccard(col: str) -> str:
    shared = f'array_length(array_intersect("{col}_l", "{col}_r"))'
    return f'{shared} * 1.0 / (array_length("{col}_l") + array_length("{col}_r") - {shared})'


def _share(col: str) -> str:
    return f'array_length(array_intersect("{col}_l", "{col}_r")) * 1.0 / least(array_length("{col}_l"), array_length("{col}_r"))'


def structure() -> dict[str, Any]:
    """The model's settings before training (Splink's settings dictionary)."""
    comparisons = [
        {
            "output_column_name": "employer",
            "comparison_levels": [
                _null("employer"),
                _level("same-rare", f'"employer_l" = "employer_r" AND {_rare("employer", 3)}'),
                _level("same", '"employer_l" = "employer_r"'),
                _level("acronym", '"employer_l" = "initials_r" OR "initials_l" = "employer_r"'),
                _level("contained", f"{_share('employer_words')} = 1"),
                _level("similar", 'jaro_winkler_similarity("employer_l", "employer_r") >= 0.9'),
                _else(),
            ],
        },
        {
            "output_column_name": "url",
            "comparison_levels": [
                _null("url"),
                _level("same-rare", f'"url_l" = "url_r" AND {_rare("url", 3)}'),
                _level("same", '"url_l" = "url_r"'),
                # An employer's own career site says little more than the employer
                # already did; it speaks when the names differ (a numbered company).
                _level("same-domain-same-employer", f'"domain_l" = "domain_r" AND {_SAME_EMPLOYER}'),
                _level("same-domain-rare", f'"domain_l" = "domain_r" AND {_rare("domain", 5)}'),
                _level("same-domain", '"domain_l" = "domain_r"'),
                _else(),
            ],
        },
        {
            "output_column_name": "website",
            "comparison_levels": [_null("website"), _level("same", '"website_l" = "website_r"'), _else()],
        },
        {
            "output_column_name": "title",
            "comparison_levels": [
                _null("title"),
                _level("same", '"squashed_l" = "squashed_r" OR "title_l" = "title_r"'),
                _level("contained", f"{_share('title')} = 1"),
                _level("most", f"{_share('title')} >= 0.6"),
                # One employer's two roles share an employer and few title words:
                # within one employer, few shared words weigh against.
                _level("some-same-employer", f"{_share('title')} > 0 AND {_SAME_EMPLOYER}"),
                _level("some", f"{_share('title')} > 0"),
                _level("else-same-employer", _SAME_EMPLOYER),
                _else(),
            ],
        },
        {
            "output_column_name": "wil_type",
            "comparison_levels": [
                _level("same", '"wil_type_l" = "wil_type_r"'),
                _level("related", '"family_l" = "family_r"'),
                _else(),
            ],
        },
        _days("start"),
        _days("deadline"),
        {
            "output_column_name": "hours",
            "comparison_levels": [_null("hours"), _level("same", '"hours_l" = "hours_r"'), _else()],
        },
        {
            # How many fields say "another opportunity": an additive model cannot see
            # on its own that a pair agreeing on everything is far surer than one
            # agreeing on all but one field (a next edition, a part-time version).
            "output_column_name": "consensus",
            "comparison_levels": [
                _level("nothing-differs", f"({_differs()}) = 0"),
                _level("one-differs", f"({_differs()}) = 1"),
                _else(),
            ],
        },
        {
            "output_column_name": "part_time",
            "comparison_levels": [_level("same", '"part_time_l" = "part_time_r"'), _else()],
        },
        {
            "output_column_name": "level",
            "comparison_levels": [_level("same", '"level_l" = "level_r"'), _else()],
        },
        {
            "output_column_name": "pay",
            "comparison_levels": [
                _null("pay"),
                _level("same", '"pay_l" = "pay_r"'),
                _level("same-kind", "split_part(\"pay_l\", ' ', 1) = split_part(\"pay_r\", ' ', 1)"),
                _else(),
            ],
        },
        {
            "output_column_name": "city",
            "comparison_levels": [_null("city"), _level("same", '"city_l" = "city_r"'), _else()],
        },
        {
            "output_column_name": "division",
            "comparison_levels": [_null("division"), _level("same", f"{_share('division')} = 1"), _else()],
        },
        {
            "output_column_name": "site",
            "comparison_levels": [_null("site"), _level("same", f"{_share('site')} = 1"), _else()],
        },
        {
            # A placement an institution arranges for its own students (a practicum, a
            # field placement) is that institution's: another's at the same host is
            # usually another placement.
            "output_column_name": "institutions",
            "comparison_levels": [
                _level("same", 'array_length(array_intersect("institutions_l", "institutions_r")) > 0'),
                _level("other-placement", "\"family_l\" = 'placement' AND \"family_r\" = 'placement'"),
                _else(),
            ],
        },
    ]
    # Pairs worth scoring. One employer's postings are compared within a family
    # of WIL types (a large employer posts hundreds: all pairs would be millions);
    # a shared link, the same title, an acronym, or an end of the employer's name
    # with the title's first word brings any two together.
    blocking = [
        "l.employer = r.employer AND l.family = r.family",
        "l.url = r.url",
        "l.website = r.website AND l.family = r.family",
        "l.squashed = r.squashed",
        "l.initials = r.employer",
        "l.employer = r.initials",
        "l.lead_key = r.lead_key",
        "l.last_key = r.last_key",
    ]
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": 0.001,
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": [{"blocking_rule": b, "sql_dialect": "duckdb"} for b in blocking],
        "sql_dialect": "duckdb",
    }


def rows_of(region: Any) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The model's columns for every record of a labelled region, and each record's cluster."""
    from benchmarks.bench_dedupe import institutions
    from generator.merge.features import features
    from generator.merge.listing import candidate
    from generator.models import Opportunity

    known = institutions()
    rows, cluster = [], {}
    for rec in region.records:
        rows.append(features(candidate(Opportunity.model_validate(rec.data), known)))
        cluster[rec.id] = rec.cluster
    return rows, cluster


def corpus_pairs(
    seeds: tuple[int, ...] = TRAIN_SEEDS, families: int = TRAIN_FAMILIES
) -> tuple[list[str], list[tuple[bool, tuple[int, ...]]], int]:
    """The training corpus's blocked pairs as (same opportunity?, each comparison's
    level), scored by Splink with the untrained structure; and the record count."""
    import duckdb
    from jobboards import generate
    from splink import DuckDBAPI, Linker

    from generator.merge.linkage import table

    rows: list[dict[str, Any]] = []
    cluster: dict[str, str] = {}
    for seed in seeds:  # one corpus of several regions: ids and clusters told apart by their seed
        part, labels = rows_of(generate(seed=seed, families=families))
        for row in part:
            row["unique_id"] = f"{seed}:{row['unique_id']}"
        rows += part
        cluster |= {f"{seed}:{k}": f"{seed}:{v}" for k, v in labels.items()}
    con = duckdb.connect()
    frame = DuckDBAPI(connection=con).register(table(rows), table_name="corpus")
    settings = structure()
    settings["retain_intermediate_calculation_columns"] = True
    pairs = Linker(frame, settings, log_level="ERROR").inference.predict(warning_mode="never")
    names = [c["output_column_name"] for c in settings["comparisons"]]
    columns = ", ".join(f"gamma_{n}" for n in names)
    scored = con.sql(f"select unique_id_l, unique_id_r, {columns} from {pairs.physical_name}").fetchall()
    con.close()
    return names, [(cluster[a] == cluster[b], tuple(g)) for a, b, *g in sorted(scored)], len(rows)


def _levels(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """A comparison's non-null levels by gamma (Splink numbers them from the last, ELSE = 0)."""
    return list(reversed([lvl for lvl in comparison["comparison_levels"] if not lvl.get("is_null_level")]))


def counted(names: list[str], pairs: list[tuple[bool, tuple[int, ...]]]) -> dict[str, Any]:
    """Classic supervised Fellegi–Sunter: m and u of each level counted among the
    blocked pairs of one and of two opportunities (add-half smoothing), the
    prior their share. Kept to compare with `regressed` (bench: --estimator)."""
    trained = structure()
    matches = sum(1 for same, _ in pairs if same)
    trained["probability_two_random_records_match"] = round(matches / len(pairs), 6)
    for i, comparison in enumerate(trained["comparisons"]):
        levels = _levels(comparison)
        seen = ({}, {})  # gamma -> count among matches, among non-matches
        for same, gammas in pairs:
            side = seen[0 if same else 1]
            side[gammas[i]] = side.get(gammas[i], 0) + 1
        for gamma, level in enumerate(levels):
            for key, side in (("m_probability", seen[0]), ("u_probability", seen[1])):
                total = sum(side.get(g, 0) for g in range(len(levels)))
                level[key] = round((side.get(gamma, 0) + 0.5) / (total + 0.5 * len(levels)), 6)
    return trained


# The direction each level's weight may take: an agreement never counts
# against a pair and a disagreement never for it, so every explanation reads
# the way a person would reason (levels not listed are free).
FOR = frozenset(
    ["same", "same-rare", "acronym", "contained", "similar", "most", "some", "same-week", "nothing-differs"]
)
AGAINST = frozenset(["else", "else-same-employer", "some-same-employer", "same-month", "same-season", "next-year"])


def regressed(names: list[str], pairs: list[tuple[bool, tuple[int, ...]]], c: float = 1.0) -> dict[str, Any]:
    """Weights fitted jointly: an L2-regularised logistic regression on one
    indicator per comparison level (a null level is the reference, weight 0),
    over the corpus's blocked pairs, each weight bounded to its sign (FOR,
    AGAINST; SciPy's L-BFGS-B). Counting each field apart (`counted`) assumes
    fields independent given the label, and they are not: a next year's
    edition agrees with its original on all but its dates, so counted weights
    make every agreement nearly worthless. The fitted weights are written as
    Splink m and u whose ratio is the weight (see `_as_m_u`), so Splink scores,
    explains and runs the model unchanged."""
    import numpy as np
    from scipy.optimize import minimize

    trained = structure()
    comparisons = trained["comparisons"]
    offsets, bounds = [], []
    for comparison in comparisons:
        offsets.append(len(bounds))
        has_null = any(lvl.get("is_null_level") for lvl in comparison["comparison_levels"])
        for gamma, level in enumerate(_levels(comparison)):
            label = level["label_for_charts"]
            if not has_null and gamma == 0:
                bounds.append((0.0, 0.0))  # no null level: ELSE is the reference
            elif label in FOR or (not has_null and label not in AGAINST):
                bounds.append((0.0, None))
            elif label in AGAINST:
                bounds.append((None, 0.0))
            else:
                bounds.append((None, None))
    width = len(bounds)
    x = np.zeros((len(pairs), width))
    y = np.array([1.0 if same else -1.0 for same, _ in pairs])
    for row, (_, gammas) in enumerate(pairs):
        for i, gamma in enumerate(gammas):
            if gamma >= 0:
                x[row, offsets[i] + gamma] = 1.0

    def loss(theta: Any) -> tuple[float, Any]:
        w, b = theta[:-1], theta[-1]
        margin = y * (x @ w + b)
        value = c * np.logaddexp(0, -margin).sum() + 0.5 * w @ w
        sig = -y * c / (1 + np.exp(margin))
        return value, np.append(x.T @ sig + w, sig.sum())

    fit = minimize(loss, np.zeros(width + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)])
    bits = fit.x[:-1] / np.log(2)
    intercept = float(fit.x[-1] / np.log(2))
    for i, comparison in enumerate(comparisons):
        levels = _levels(comparison)
        weights = [float(bits[offsets[i] + g]) for g in range(len(levels))]
        if not any(lvl.get("is_null_level") for lvl in comparison["comparison_levels"]):
            # No null level: the weights are known up to a constant; the mean goes to the prior.
            mean = sum(weights) / len(weights)
            weights = [w - mean for w in weights]
            intercept += mean
        for level, (m, u) in zip(levels, map(_as_m_u, weights), strict=True):
            level["m_probability"], level["u_probability"] = m, u
    prior = 2**intercept / (1 + 2**intercept)
    trained["probability_two_random_records_match"] = round(prior, 9)
    return trained


def _as_m_u(weight: float) -> tuple[float, float]:
    """m and u (each at most 0.5) whose ratio is 2**weight: Splink's Bayes factor."""
    if weight >= 0:
        return 0.5, round(0.5 * 2**-weight, 12)
    return round(0.5 * 2**weight, 12), 0.5


def train(estimator: str = "regressed") -> tuple[dict[str, Any], dict[str, Any]]:
    """The trained settings and what they were trained on."""
    names, pairs, records = corpus_pairs()
    trained = regressed(names, pairs) if estimator == "regressed" else counted(names, pairs)
    info = {
        "corpus": f"tests/fixtures/linkage/jobboards.py, seeds {', '.join(map(str, TRAIN_SEEDS))}, "
        f"{TRAIN_FAMILIES} families each",
        "estimator": estimator,
        "records": records,
        "scored_pairs": len(pairs),
        "pairs_of_one_opportunity": sum(1 for same, _ in pairs if same),
    }
    return trained, info


def choose_thresholds(settings: dict[str, Any], margin: float = 1.0, precision: float = 0.6) -> dict[str, float]:
    """Thresholds from the tune split alone: `group` just above the strongest
    pair of two different opportunities (plus `margin` bits); `review` the
    lowest weight at which at least `precision` of the pairs left for people
    are true (a coordinator's time is the cost of each false one)."""
    from benchmarks.bench_linkage import split
    from generator.merge.features import features
    from generator.merge.linkage import score

    cands, cluster = split("tune")
    scored = score([features(c) for c in cands], settings, floor=-1e9)
    false = [s.weight for s in scored if cluster[s.a] != cluster[s.b]]
    group = round(max(false, default=0.0) + margin, 1)
    # Pairs grouping leaves apart, strongest first: the review list is a prefix of them.
    left = _left_apart([c.key for c in cands], scored, group)
    review, true = group, 0
    for i, s in enumerate(left, 1):
        true += cluster[s.a] == cluster[s.b]
        if true / i >= precision:
            review = s.weight
    review = max(review, _budget(settings, group))
    return {"group": group, "review": math.floor(min(review, group) * 10) / 10}


def _left_apart(keys: list[str], scored: list[Any], group: float) -> list[Any]:
    """The scored pairs that grouping at `group` leaves in two groups, strongest first."""
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for s in scored:
        if s.weight >= group:
            parent[find(s.a)] = find(s.b)
    return sorted((s for s in scored if find(s.a) != find(s.b)), key=lambda s: -s.weight)


def _budget(settings: dict[str, Any], group: float, count: int = 100_000, share: float = BUDGET) -> float:
    """The lowest review threshold that keeps the review list of a synthetic
    region of `count` records (benchmarks/synth.py) within `share` of them: what
    a regional office can read."""
    from benchmarks.synth import records
    from generator.merge.features import features
    from generator.merge.linkage import score
    from generator.merge.listing import candidate
    from generator.models import Opportunity

    rows = [features(candidate(Opportunity.model_validate(r))) for r in records(count)]
    scored = score(rows, settings, floor=group - 20)
    left = [s.weight for s in _left_apart([row["unique_id"] for row in rows], scored, group)]
    allowed = int(count * share)
    return left[allowed] + 0.1 if len(left) > allowed else -math.inf


def main(argv: list[str] | None = None) -> None:
    from generator.merge.linkage import MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the written model differs from a new training")
    parser.add_argument("--estimator", choices=("regressed", "counted"), default="regressed")
    args = parser.parse_args(argv)
    settings, info = train(args.estimator)
    model = {"settings": settings, "training": info, "thresholds": choose_thresholds(settings)}
    text = json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if args.check:
        if MODEL.read_text("utf-8") != text:
            sys.exit(f"{MODEL} is out of date: run python -m benchmarks.train_linkage")
        return
    MODEL.write_text(text, "utf-8")
    print(f"wrote {MODEL}: thresholds {model['thresholds']}")


if __name__ == "__main__":
    main()
