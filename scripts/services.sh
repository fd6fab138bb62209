# Sourced by scripts/test and bench/run: local services for tests and benchmarks.
# Callers define a cleanup_pids array and kill its entries on exit.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # host port seconds
  for _ in $(seq 1 $(( $3 * 5 ))); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && { exec 3>&- 3<&-; return 0; }; sleep 0.2; done; return 1
}

# PostgreSQL with pgvector 0.8: PGlite (WASM PostgreSQL) over TCP from npm, on a free port. On success exports
# REVBOT_TEST_VECTOR_DATABASE_URL; otherwise says why on stderr and returns 1.
start_pglite() {
  command -v node >/dev/null 2>&1 || { echo "no node: cannot start PGlite" >&2; return 1; }
  ( cd "$ROOT/scripts/pglite" && { [ -d node_modules/@electric-sql/pglite-socket ] || npm ci --no-audit --no-fund --silent >&2; } )
  local port
  port=$(free_port)
  node "$ROOT/scripts/pglite/node_modules/@electric-sql/pglite-socket/dist/scripts/server.js" \
      -p "$port" -m 8 -e @electric-sql/pglite-pgvector:vector >"${TMPDIR:-/tmp}/revbot-pglite-$port.log" 2>&1 &
  cleanup_pids+=("$!")
  if wait_port 127.0.0.1 "$port" 60; then
    export REVBOT_TEST_VECTOR_DATABASE_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&sslmode=disable"
    echo "pgvector (PGlite) on port $port" >&2
  else
    echo "PGlite did not start; see ${TMPDIR:-/tmp}/revbot-pglite-$port.log" >&2
    return 1
  fi
}
