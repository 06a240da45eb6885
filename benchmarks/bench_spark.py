"""The shipped linkage model on Spark in local mode: the route for a national directory.

The build links a region on DuckDB in-process (generator/merge/linkage.py). A
national directory (docs/national-scale.md) would link several regions' worth
of postings at once; Splink runs the same settings on Spark. This script takes
the model file as it is, translates each comparison's SQL from DuckDB's
dialect to Spark's with sqlglot (the one function without a Spark name,
Jaro-Winkler, maps to the UDF Splink registers), links N synthetic records on
a local Spark session, and checks the pairs and weights against DuckDB's:

    pip install 'pyspark>=4.0,<4.1'          # needs a Java runtime (Debian: default-jre-headless)
    python -m benchmarks.bench_spark 20000   # prints time, pairs, and the largest weight difference

Nothing in the build imports Spark; this is a benchmark, not a dependency.
"""

from __future__ import annotations

import argparse
import copy
import time
from typing import Any

import sqlglot

from generator.merge import linkage
from generator.merge.features import features
from generator.merge.listing import candidate
from generator.models import Opportunity

# DuckDB functions Spark knows by another name (after sqlglot's own translation).
RENAMED = {"JAROWINKLER_SIMILARITY": "jaro_winkler"}


def spark_sql(condition: str) -> str:
    """One SQL condition of the model, in Spark's dialect (Splink's `ELSE` as it is)."""
    if condition.strip().upper() == "ELSE":
        return condition
    out = sqlglot.transpile(condition, read="duckdb", write="spark")[0]
    for old, new in RENAMED.items():
        out = out.replace(old, new)
    return out


def spark_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The model's settings with every SQL condition translated."""
    out = copy.deepcopy(settings)
    out["sql_dialect"] = "spark"
    for rule in out["blocking_rules_to_generate_predictions"]:
        rule["blocking_rule"] = spark_sql(rule["blocking_rule"])
        rule["sql_dialect"] = "spark"
    for comparison in out["comparisons"]:
        for level in comparison["comparison_levels"]:
            level["sql_condition"] = spark_sql(level["sql_condition"])
            level.pop("sql_dialect", None)
    out["retain_intermediate_calculation_columns"] = True
    return out


def rows(count: int) -> list[dict[str, Any]]:
    from benchmarks.synth import records

    return [features(candidate(Opportunity.model_validate(r))) for r in records(count)]


def on_spark(data: list[dict[str, Any]], floor: float) -> tuple[dict[tuple[str, str], float], float]:
    """(pair → match weight, seconds) from Splink's SparkAPI in local mode."""
    from pyspark.sql import SparkSession
    from splink import Linker, SparkAPI
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("wil-linkage")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        .config("spark.jars", similarity_jar_location())  # Splink's string-similarity UDFs
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir("/tmp/wil-spark-checkpoints")
    frame = spark.createDataFrame(linkage.table(data))  # Spark 4 takes an Arrow table
    began = time.perf_counter()
    db = SparkAPI(spark_session=spark)
    linker = Linker(db.register(frame), spark_settings(linkage.model()["settings"]), log_level="ERROR")
    out = linker.inference.predict(threshold_match_weight=floor).as_spark_dataframe()
    found = out.select("unique_id_l", "unique_id_r", "match_weight").collect()
    seconds = time.perf_counter() - began
    spark.stop()
    pairs = {(min(a, b), max(a, b)): float(w) for a, b, w in found}
    return pairs, seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=20_000, help="synthetic records (benchmarks/synth.py)")
    args = parser.parse_args(argv)
    data = rows(args.count)
    floor = linkage.thresholds()[1]
    began = time.perf_counter()
    scored = {(s.a, s.b): s for s in linkage.score(data)}
    duck = {pair: s.weight for pair, s in scored.items()}
    duck_seconds = time.perf_counter() - began
    spark, spark_seconds = on_spark(data, floor)
    shared = duck.keys() & spark.keys()
    gap = max((abs(duck[p] - spark[p]) for p in shared), default=0.0)
    print(f"records {args.count}")
    print(f"duckdb: {len(duck)} pairs at or above the review threshold in {duck_seconds:.1f} s")
    print(f"spark (local[2]): {len(spark)} pairs in {spark_seconds:.1f} s")
    print(f"pairs only on duckdb {len(duck.keys() - spark.keys())}, only on spark {len(spark.keys() - duck.keys())}")
    print(f"largest match-weight difference on shared pairs: {gap:.6f}")
    for pair in sorted(duck.keys() - spark.keys())[:5]:
        levels = " ".join(f"{x.comparison}={x.level}" for x in scored[pair].levels)
        print(f"  only on duckdb: {pair} {duck[pair]:.2f} {levels}")


if __name__ == "__main__":
    main()
