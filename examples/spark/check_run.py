"""Check the Spark job's output against one plain `ingest` run on the same tree (npm run test:spark).

    python check_run.py OUT PLAIN.jsonl PLAIN_ERRORS.jsonl BAD_LIST

- the records in OUT/records equal the plain run's, compared by content without `origin`
  (a multiset: the same record twice must come back twice), and their origin.file set is equal;
- the problems in OUT/errors equal the plain run's, except DUPLICATE_ID, which one process
  can only see within its own partition;
- every file made bad on purpose (BAD_LIST) is among the errors;
- OUT/unique-records (--drop-duplicate-ids) holds each id once, and every record without one.
Prints one line per check and a closing `N passed, N failed`; exits 1 when any failed.
"""
import json
import os
import sys
from collections import Counter

from pyspark.sql import SparkSession


def canonical(record: dict) -> str:
    return json.dumps({k: v for k, v in record.items() if k != "origin"}, sort_keys=True, ensure_ascii=False)


def problem_key(p: dict):
    return (p["file"], p["line"], p["code"], p["severity"], p["message"])


def main() -> int:
    out, plain_path, plain_errors_path, bad_list = sys.argv[1:5]
    spark = (
        SparkSession.builder.master("local[1]").appName("ingest-check")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(os.path.join(out, "records")).collect()]
    problems = [r.asDict() for r in spark.read.parquet(os.path.join(out, "errors")).collect()]
    unique = spark.read.parquet(os.path.join(out, "unique-records")).select("id").collect()
    spark.stop()
    with open(plain_path, encoding="utf-8") as f:
        plain = [json.loads(line) for line in f if line.strip()]
    with open(plain_errors_path, encoding="utf-8") as f:
        plain_problems = [json.loads(line) for line in f if line.strip()]
    with open(bad_list, encoding="utf-8") as f:
        bad = [line.strip() for line in f if line.strip()]

    results = []

    def check(name: str, ok: bool, detail: str = "") -> None:
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}")

    spark_records, plain_records = Counter(map(canonical, rows)), Counter(map(canonical, plain))
    check(f"{len(rows)} records from Spark, {len(plain)} from one plain run", len(rows) == len(plain) and len(rows) > 0)
    missing, extra = plain_records - spark_records, spark_records - plain_records
    example = next(iter(missing or extra), "")[:300]
    check("records equal by content (origin left out)", not missing and not extra,
          f"{sum(missing.values())} missing, {sum(extra.values())} extra; e.g. {example}")
    check("the same files gave records", {r["origin"]["file"] for r in rows} == {r["origin"]["file"] for r in plain})
    no_dup = lambda ps: Counter(problem_key(p) for p in ps if p["code"] != "DUPLICATE_ID")  # noqa: E731
    sp, pp = no_dup(problems), no_dup(plain_problems)
    check(f"problems equal ({sum(sp.values())} from Spark, DUPLICATE_ID aside)", sp == pp,
          f"missing {list((pp - sp).items())[:3]}, extra {list((sp - pp).items())[:3]}")
    error_files = {p["file"] for p in problems if p["severity"] == "error"}
    missed = [b for b in bad if b not in error_files]
    check(f"every one of the {len(bad)} bad inputs is among the errors", not missed and len(bad) > 0, f"not reported: {missed[:5]}")
    ids = Counter(r["id"] for r in plain)
    unique_ids = Counter(r["id"] for r in unique)
    check(f"--drop-duplicate-ids keeps one record per id ({len(unique)} of {len(rows)})",
          sorted(k for k in unique_ids if k) == sorted(k for k in ids if k) and all(n == 1 for k, n in unique_ids.items() if k)
          and unique_ids[None] == ids[None] and len(unique) < len(rows), f"{len(unique)} unique rows")
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
