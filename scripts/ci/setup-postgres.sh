#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 and creates the registry's test role and database (idempotent).
# Prints the connection URL on its last line, e.g. for `export TEST_DATABASE_URL=$(... | tail -1)`.
# The role may create databases: the registry's test suites give each test file a database of its own.
set -euo pipefail

CLUSTER_VERSION="${PG_CLUSTER_VERSION:-15}"
CLUSTER_NAME="${PG_CLUSTER_NAME:-main}"
ROLE="${PG_TEST_ROLE:-ccpor}"
PASSWORD="${PG_TEST_PASSWORD:-ccpor}"
DATABASE="${PG_TEST_DATABASE:-ccpor_test}"

if ! pg_lsclusters -h | awk -v v="$CLUSTER_VERSION" -v n="$CLUSTER_NAME" '$1==v && $2==n && $4=="online"' | grep -q .; then
  pg_ctlcluster "$CLUSTER_VERSION" "$CLUSTER_NAME" start
fi

# Wait until the server accepts connections (a fresh start takes a moment).
for _ in $(seq 1 50); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }

if [ "$(psql_admin "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
  psql_admin "create role $ROLE login createdb password '$PASSWORD'"
else
  psql_admin "alter role $ROLE login createdb password '$PASSWORD'"
fi
if [ "$(psql_admin "select 1 from pg_database where datname = '$DATABASE'")" != "1" ]; then
  psql_admin "create database $DATABASE owner $ROLE"
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/$DATABASE"
