#!/usr/bin/env bash
# npm run test:spark: docs/scaling-out.md, the Spark recipe, end to end: pinned PySpark in a
# virtual environment inside the clone, examples/spark/ingest_job.py in local[2] mode on a
# generated corpus (CORPUS_FILES, default 2400, 1 in 10 bad), checked against one plain run.
source "$(dirname "$0")/scale-test-env.sh"
VENV=$SCALE/venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
start=$(now)
PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install -q -r "$ROOT/examples/spark/requirements.txt"
echo "pyspark ready in $(since "$start")s ($(du -sh "$VENV" | cut -f1) venv)"

prepare spark
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/tmp" PYSPARK_PYTHON="$VENV/bin/python"
cd "$WORK"
start=$(now)
if ! "$VENV/bin/python" "$ROOT/examples/spark/ingest_job.py" corpus out --master 'local[2]' --partitions 4 --drop-duplicate-ids > spark.log 2>&1; then
  tail -40 spark.log
  echo "0 passed, 1 failed"
  exit 1
fi
echo "spark local[2], 4 partitions: examples/spark/ingest_job.py corpus out; wall $(since "$start")s (JVM start and Parquet writes included)"
"$VENV/bin/python" "$ROOT/examples/spark/check_run.py" out plain.jsonl plain-errors.jsonl bad.txt 2> check.log
