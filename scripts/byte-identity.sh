#!/usr/bin/env bash
# Byte identity of ingest's output between a base commit and the working tree (#20: a change to
# the parser must give the same bytes, or be a fix in a commit of its own):
#   scripts/byte-identity.sh [BASE_REF] [WORKDIR]      (default: main, a new temporary directory)
# Builds BASE_REF from `git archive` beside the working tree's build, generates the inputs (the
# fixtures, the page-trial cases, 3,000 real-length files, four dumps: real-length 52 MB, small
# articles 20 MB, windows-1252, CRLF), runs with each build the CLI (JSON Lines, ninjs, text and
# summary over the files; each dump parsed whole, streamed, and on standard input) and parse()
# (bytes, text, strict), and compares every output with cmp. Exit 1 when any differs. Takes a few
# minutes and ~1 GB of disk.
set -euo pipefail
BASE=${1:-main}
WORK=${2:-$(mktemp -d)}
TREE=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK/base"
git -C "$TREE" archive "$BASE" | tar -x -C "$WORK/base"
ln -sfn "$TREE/node_modules" "$WORK/base/node_modules"
(cd "$WORK/base" && npx tsc -p tsconfig.build.json && node scripts/bundle.mjs) > "$WORK/base-build.log"
(cd "$TREE" && npm run build) > "$WORK/tree-build.log"
"$TREE/node_modules/.bin/esbuild" "$TREE/tests/page-trial/corpus.ts" --format=esm --log-level=warning --outfile="$WORK/page-corpus.mjs"
[ -d "$WORK/in" ] || node "$TREE/scripts/byte-identity.mjs" inputs "$WORK/base" "$WORK"

run() { # run BUILD OUT
  local B=$1 O=$2 IN=$WORK/in
  mkdir -p "$O"
  ing() { set +e; node "$B/bin/ingest.js" "$@"; echo "exit $?"; set -e; }
  ing "$IN/fixtures" "$IN/page" "$IN/real" -f json --compact -j 1 > "$O/json.jsonl" 2> "$O/json.err"
  ing "$IN/fixtures" "$IN/page" -f ninjs --compact -j 1 > "$O/ninjs.jsonl" 2> "$O/ninjs.err"
  ing "$IN/fixtures" "$IN/page" -f text -j 1 > "$O/text.txt" 2> "$O/text.err"
  ing "$IN/fixtures" "$IN/page" -f summary --color never -j 1 > "$O/summary.txt" 2> "$O/summary.err"
  for d in real small legacy crlf; do
    ing "$IN/dumps/$d.txt" --max-bytes 200M --compact > "$O/$d-whole.jsonl" 2> "$O/$d-whole.err"
    ing "$IN/dumps/$d.txt" --compact > "$O/$d-streamed.jsonl" 2> "$O/$d-streamed.err"
    ing - --compact < "$IN/dumps/$d.txt" > "$O/$d-stdin.jsonl" 2> "$O/$d-stdin.err"
  done
  node "$TREE/scripts/byte-identity.mjs" parse "$B" "$WORK" > "$O/parse.txt"
  # The summary line's run time is the one thing allowed to differ.
  sed -i -E 's/ in [0-9.]+(ms|s|m [0-9.]+s)$/ in T/' "$O"/*.err
}
run "$WORK/base" "$WORK/out-base"
run "$TREE" "$WORK/out-tree"
n=0
bad=0
for f in "$WORK"/out-base/*; do
  n=$((n + 1))
  cmp "$f" "$WORK/out-tree/$(basename "$f")" || bad=$((bad + 1))
done
echo "byte identity, $BASE against the working tree: $n outputs compared, $bad differ ($WORK)"
[ "$bad" -eq 0 ]
