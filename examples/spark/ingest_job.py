"""Run `ingest` as a stage of a Spark job: a directory of wire files in, Parquet out.

    spark-submit ingest_job.py FEEDS OUT [--partitions N] [--drop-duplicate-ids]
    python ingest_job.py FEEDS OUT --master 'local[2]'      # the same, without spark-submit

What runs where:
  driver     lists FEEDS, derives the Spark schema from `ingest schema`, writes Parquet
  executors  read each file's bytes (the binaryFile source), turn each into one JSON line
             {"path", "bytes": base64}, and pipe their partition through
             `ingest --input-format jsonl --inline-errors` (the CLI must be on each executor's PATH)
Out:
  OUT/records/   one row per record (the columns of `ingest schema`)
  OUT/errors/    one row per problem: file, line, code, severity, message (warnings too)
  OUT/unique-records/  with --drop-duplicate-ids: one record per id (records without one all kept)

Why bytes and base64, not wholeTextFiles: wholeTextFiles decodes every file as UTF-8 in the
JVM, replacing bad bytes with U+FFFD, so a windows-1252 or UTF-16 feed would be damaged before
ingest saw it, and binary files would look like text. With the bytes, decoding stays ingest's
(encoding detection, mojibake repair, the binary check), exactly as `ingest FEEDS`.

Why the binaryFile data source, not sc.binaryFiles: both give (path, bytes), but binaryFiles
puts a serialized copy of the Hadoop configuration in every file's record (PortableDataStream)
and packs small files into one split: here it spent about 50 ms of CPU per file before the
first byte reached ingest, in one task. The data source lists in parallel, filters names with
pathGlobFilter and splits the files over partitions by size. It leaves files of 0 bytes out of
every scan, so the job adds them back (empty_files) for ingest to report.

Why `--inline-errors`: problems come back as data in the same stream as the records, so they land
in a table next to them, instead of in executor logs or in files on executors' local disks.
A line with a `severity` is a problem; every other line is a record.

Exit codes: ingest exits 1 when some input was refused (those are rows in OUT/errors), so the
pipe runs it under `sh -c '...; test $? -le 1'` with checkCode=True: a refusal is data, while
a usage error (2), an interruption (130) or a crash fails the task, and Spark retries it.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
from urllib.parse import unquote, urlparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spark_schema import record_schema  # noqa: E402

PROBLEM_FIELDS = [
    StructField("file", StringType(), True),
    StructField("line", LongType(), True),
    StructField("code", StringType(), True),
    StructField("severity", StringType(), True),
    StructField("message", StringType(), True),
]


def ingest_command(ingest: str, extra: str) -> str:
    # Refusals (exit 1) are rows in OUT/errors; anything above 1 fails the task.
    return f"sh -c '{ingest} --input-format jsonl --inline-errors {extra}; test $? -le 1'"


def feed_root(feeds: str) -> str:
    """The path part of FEEDS, to name each file by its path under it (origin.file)."""
    parsed = urlparse(feeds)
    path = parsed.path if parsed.scheme else os.path.abspath(feeds)
    return path.rstrip("/") + "/"


def relative(root: str, uri: str) -> str:
    """The file's path under FEEDS: its origin.file, and what --shard would hash."""
    path = unquote(urlparse(uri).path)
    return path[len(root):] if path.startswith(root) else path


def to_line(root: str):
    def convert(row):
        return json.dumps({"path": relative(root, row.path), "bytes": base64.b64encode(row.content).decode("ascii")})

    return convert


def empty_files(spark, files, root: str):
    """JSON lines for the files of 0 bytes, which Spark's file sources leave out of every scan.

    Without them an empty feed would vanish unseen; as documents with no bytes each one gets
    its EMPTY_INPUT error, as in a plain run. Listed files minus the files read, by path.
    """
    sc = spark.sparkContext
    listed = sc.parallelize([relative(root, uri) for uri in files.inputFiles()], 1)
    read = files.select("path").rdd.map(lambda row: relative(root, row.path))
    # One partition: a handful of paths, and one more ingest process for them.
    return listed.subtract(read, numPartitions=1).map(lambda path: json.dumps({"path": path, "bytes": ""}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("feeds", help="directory of wire files (local path or any Hadoop URI)")
    ap.add_argument("out", help="output directory for records/ and errors/ (Parquet)")
    ap.add_argument("--master", help="Spark master when not run through spark-submit, e.g. local[2]")
    ap.add_argument("--partitions", type=int, help="coalesce the files into at most N partitions, each one ingest process (default: Spark's split by size)")
    ap.add_argument("--glob", default="*.txt", help="which file names to read (default *.txt, as ingest's --glob)")
    ap.add_argument("--ingest", default="ingest", help="the ingest command on the executors (default: ingest on PATH)")
    ap.add_argument("--ingest-args", default="", help="more ingest options, e.g. --strict")
    ap.add_argument("--drop-duplicate-ids", action="store_true", help="also write OUT/unique-records/: one record per id across all partitions")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("ingest")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()

    # The schema comes from the CLI itself, so the job never falls behind the record.
    schema_text = subprocess.run([args.ingest, "schema"], check=True, capture_output=True, text=True).stdout
    records_schema = record_schema(json.loads(schema_text))
    stream_schema = StructType(records_schema.fields + PROBLEM_FIELDS)

    root = feed_root(args.feeds)
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", args.glob)
        .load(args.feeds)
        .select("path", "content")
    )
    if args.partitions:
        # Without a shuffle: the scan's splits are merged, so N tasks, each one ingest process.
        files = files.coalesce(args.partitions)
    lines = files.rdd.map(to_line(root)).union(empty_files(spark, files, root))
    # PySpark starts the command with an empty environment unless given one: pass PATH, so
    # that `ingest` (and the `node` its first line names) are found.
    env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "NO_COLOR": "1"}
    out = lines.pipe(ingest_command(args.ingest, args.ingest_args), env=env, checkCode=True)

    stream = spark.read.schema(stream_schema).option("mode", "FAILFAST").json(out)
    # Written twice (records, errors): keep the piped result instead of running ingest again.
    stream = stream.persist()
    records = stream.filter(F.col("severity").isNull()).select(*records_schema.fieldNames())
    errors = stream.filter(F.col("severity").isNotNull()).select(*[f.name for f in PROBLEM_FIELDS])
    records.write.mode("overwrite").parquet(os.path.join(args.out, "records"))
    errors.write.mode("overwrite").parquet(os.path.join(args.out, "errors"))
    if args.drop_duplicate_ids:
        # One process only sees its own partition, so DUPLICATE_ID cannot cover the whole run;
        # the engine can. Records without an ID are all kept (dropDuplicates would merge them).
        unique = records.filter(F.col("id").isNotNull()).dropDuplicates(["id"]).unionByName(records.filter(F.col("id").isNull()))
        unique.write.mode("overwrite").parquet(os.path.join(args.out, "unique-records"))
    stream.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
