#!/usr/bin/env bash
# npm run test:parallel: docs/scaling-out.md, the GNU parallel recipe: two shards run by
# `parallel -j 2 ingest --shard {}/2 . ::: 1 2` give exactly the plain run's records and problems.
source "$(dirname "$0")/scale-test-env.sh"
command -v parallel > /dev/null || { echo "GNU parallel is not installed (apt-get install parallel)"; echo "0 passed, 1 failed"; exit 1; }
prepare parallel
cd "$WORK/corpus"
start=$(now)
code=0
parallel --will-cite --joblog ../joblog -j 2 ingest --shard {}/2 . ::: 1 2 > ../sharded.jsonl 2> ../sharded.stderr || code=$?
echo "GNU parallel, 2 shards: parallel -j 2 ingest --shard {}/2 . ::: 1 2; wall $(since "$start")s"
cd "$WORK"
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); echo "ok   $NAME"; else failed=$((failed + 1)); echo "FAIL $NAME"; fi; }
# parallel exits with the number of jobs that failed: here both, since each shard holds bad files (exit 1).
NAME="each shard exits 1 (refused inputs), parallel says 2 jobs failed"
check test "$(awk 'NR > 1 { print $7 }' joblog | sort | tr '\n' ' ')$code" = "1 1 2"
NAME="records: the shards' union is the plain run, line for line, with no overlap ($(wc -l < plain.jsonl) records)"
check cmp -s <(sort plain.jsonl) <(sort sharded.jsonl)
# Problems (DUPLICATE_ID aside: a shard sees only its own IDs), not the summary and counts lines.
problems() { grep -v -e ' DUPLICATE_ID ' -e '^[0-9]* files (' -e '^errors: ' -e '^warnings: ' "$1" | sort; }
NAME="problems: the same lines on stderr ($(problems plain.stderr | wc -l) lines)"
check cmp -s <(problems plain.stderr) <(problems sharded.stderr)
NAME="every bad input is reported"
check test -z "$(grep -v -x -F -f <(grep ': error: ' sharded.stderr | sed -E 's/(:[0-9]+)?: error: .*//') bad.txt)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
