# Sourced by test-spark.sh and test-parallel.sh: a work directory inside the clone (nothing is
# cached outside it), `ingest` on PATH through a symlink to bin/ingest.js, a generated corpus,
# and one plain single-process run on it to compare with.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=$ROOT/.scale-test
FILES=${CORPUS_FILES:-2400}

# seconds.milliseconds since the epoch, and the time since a start.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# prepare NAME: a fresh $WORK with bin/ingest, the corpus and the plain run (plain.jsonl, plain-errors.jsonl).
prepare() {
  WORK=$SCALE/$1
  rm -rf "$WORK"
  mkdir -p "$WORK/bin" "$WORK/tmp"
  ln -s "$ROOT/bin/ingest.js" "$WORK/bin/ingest"
  export PATH="$WORK/bin:$PATH" TMPDIR="$WORK/tmp"
  node "$ROOT/scripts/make-corpus.mjs" "$WORK/corpus" "$FILES" "$WORK/bad.txt"
  local start code=0
  start=$(now)
  (cd "$WORK/corpus" && ingest . --errors ../plain-errors.jsonl > ../plain.jsonl 2> ../plain.stderr) || code=$?
  PLAIN_SECONDS=$(since "$start")
  # Exit 1: the corpus holds bad files on purpose.
  if [ "$code" != 1 ]; then echo "plain run: exit $code, expected 1" >&2; tail -5 "$WORK/plain.stderr" >&2; exit 1; fi
  echo "single process: ingest . (in corpus/): $(tail -1 "$WORK/plain.stderr"); wall ${PLAIN_SECONDS}s"
}
