#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests: `source scripts/pg-cluster.sh` starts one
# (Debian's postgresql package, run as the postgres user, trust authentication, listening on
# 127.0.0.1 only) in a temporary directory, exports INGEST_TEST_PG with its URL and stops it when
# the sourcing shell exits. PG_PORT chooses the port (default 54329).

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  echo "pg-cluster: no PostgreSQL server binaries (apt-get install postgresql)" >&2
  return 1 2>/dev/null || exit 1
fi
PG_PORT=${PG_PORT:-54329}
PG_DIR=$(mktemp -d /tmp/ingest-pg.XXXXXX)
chown postgres: "$PG_DIR"
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --no-sync -E UTF8 >"$PG_DIR/initdb.log" || { echo "pg-cluster: initdb failed (see $PG_DIR/initdb.log)" >&2; return 1 2>/dev/null || exit 1; }
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
  { echo "pg-cluster: the server did not start:" >&2; cat "$PG_DIR/server.log" >&2; return 1 2>/dev/null || exit 1; }
pg_cluster_stop() { as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
trap pg_cluster_stop EXIT
export INGEST_TEST_PG="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export PG_BIN PG_PORT PG_DIR
echo "pg-cluster: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $INGEST_TEST_PG" >&2
