#!/usr/bin/env bash
# npm run test:store (in CI): the store suite on SQLite and on a real PostgreSQL server (a
# throwaway cluster, scripts/pg-cluster.sh), then the files it writes read by clients no one here
# wrote: Python's sqlite3 module (an FTS5 MATCH), Datasette from PyPI (a pinned version in a
# virtual environment inside the clone, .store-test/venv) answering ?_search=, and psql reading the
# PostgreSQL rows, each giving the same hits as `ingest search`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/ingest-store-clients.XXXXXX)
INGEST="node $ROOT/bin/ingest.js"
# shellcheck source=scripts/pg-cluster.sh
source "$ROOT/scripts/pg-cluster.sh"
cleanup() { pg_cluster_stop; rm -rf "$WORK"; }
trap cleanup EXIT

if [ "${STORE_CLIENTS_ONLY:-}" != 1 ]; then
  echo "== the store suite (SQLite bindings of this Node, and PostgreSQL at $INGEST_TEST_PG)"
  # (The store's kill trials, tests/store-trust.test.ts, are in npm run test:system.)
  (cd "$ROOT" && npx vitest run tests/store.test.ts tests/store-pg.test.ts)
fi

echo "== clients: Python's sqlite3, Datasette, psql"
VENV=$ROOT/.store-test/venv
if [ ! -x "$VENV/bin/datasette" ]; then
  python3 -m venv "$VENV"
  PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install -q "datasette==0.65.5"
fi
cd "$WORK"
node "$ROOT/scripts/make-corpus.mjs" feeds 300 > /dev/null
$INGEST feeds --db news.sqlite -q 2> /dev/null || true
psql -q "$INGEST_TEST_PG" -c "CREATE DATABASE clients" > /dev/null
PG="${INGEST_TEST_PG%/*}/clients"
$INGEST feeds --db "$PG" -q 2> /dev/null || true

failed=0
# The hits of each client as sorted "id|headline" lines; the same for each query.
ours() { $INGEST search "$1" --db "$2" --limit 10000 | python3 -c 'import json,sys; [print(str(r["id"]) + "|" + r["headline"]) for r in map(json.loads, sys.stdin)]' | sort; }
python_sqlite() {
  python3 - "$1" <<'PY' | sort
import sqlite3, sys
db = sqlite3.connect("file:news.sqlite?mode=ro", uri=True)
for id_, headline in db.execute(
    "SELECT a.id, a.headline FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?", (sys.argv[1],)
):
    print(str(id_) + "|" + headline)
PY
}
datasette_hits() {
  local q mode
  q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1")
  mode=$2
  "$VENV/bin/datasette" news.sqlite --get "/news/articles.json?_search=$q&_searchmode=$mode&_shape=array&_size=max&_col=id&_col=headline" |
    python3 -c 'import json,sys; [print(str(r["id"]) + "|" + r["headline"]) for r in json.load(sys.stdin)]' | sort
}
psql_rows() { psql -At "$PG" -c "SELECT coalesce(id, 'None') || '|' || headline FROM articles WHERE search @@ to_tsquery('english', ingest_fold('$1'))" | sort; }
same() {
  local what=$1 a=$2 b=$3
  if [ "$a" == "$b" ] && [ -n "$a" ]; then echo "ok: $what ($(wc -l <<< "$a") hits)"; else
    echo "FAILED: $what"; diff <(echo "$a") <(echo "$b") | head -10; failed=$((failed + 1)); fi
}
for q in "oil" "oil prices" "kuwait"; do
  mine=$(ours "$q" news.sqlite)
  same "Python sqlite3 MATCH '$q'" "$mine" "$(python_sqlite "$q")"
  same "Datasette ?_search=$q" "$mine" "$(datasette_hits "$q" escaped)"
done
for q in '"oil prices"' 'oil*' 'oil NOT kuwait'; do
  mine=$(ours "$q" news.sqlite)
  same "Python sqlite3 MATCH $q" "$mine" "$(python_sqlite "$q")"
  same "Datasette ?_search=$q&_searchmode=raw" "$mine" "$(datasette_hits "$q" raw)"
done
same "psql: the rows of PostgreSQL equal SQLite's" "$(psql -At "$PG" -c "SELECT key || '|' || revision || '|' || hash FROM articles" | LC_ALL=C sort)" \
  "$(python3 -c 'import sqlite3; [print(f"{k}|{r}|{h}") for k, r, h in sqlite3.connect("news.sqlite").execute("SELECT key, revision, hash FROM articles ORDER BY 1")]' | LC_ALL=C sort)"
same "psql: to_tsquery 'oil & prices' against ingest search" "$(ours "oil prices" "$PG")" "$(psql_rows 'oil & prices')"
if [ "$failed" -gt 0 ]; then echo "$failed client checks failed"; exit 1; fi
echo "all client checks passed"
