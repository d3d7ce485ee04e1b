# Shared by bench/run, bench/list-length and bench/flame. Source it; do not run it.
# Each script gets a work directory with a throwaway PostgreSQL cluster, the token
# issuer and its servers; bench_cleanup (on EXIT) stops them all.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

BENCH="$ROOT/bench"
# BENCH_QUICK=1 proves the benchmark still runs (CI): one short round, a small seed.
QUICK="${BENCH_QUICK:-0}"
# Connections in each server's pool, and pgbench's clients: BENCH_POOL (10, the
# server's default). See bench/README.md ("Where the tail comes from") for why a
# smaller pool has the shorter tail when PostgreSQL shares the machine's cores.
pool="${BENCH_POOL:-10}"

# The binaries under test. TODO_SERVER_BIN (with bench_issuer in its examples/ dir,
# or BENCH_ISSUER_BIN) or SKIP_BUILD=1 reuse a build instead of making one.
server_bin="${TODO_SERVER_BIN:-$ROOT/target/release/todo-server}"
issuer_bin="${BENCH_ISSUER_BIN:-$(dirname "$server_bin")/examples/bench_issuer}"

bench_build() {
  if [ -n "${TODO_SERVER_BIN:-}" ] || [ "${SKIP_BUILD:-0}" = 1 ]; then
    log "reusing $server_bin"
  else
    log "building release binaries"
    (cd "$ROOT" && cargo build --release -p todo-app --bin todo-server --example bench_issuer)
  fi
  [ -x "$server_bin" ] && [ -x "$issuer_bin" ] || die "missing $server_bin or $issuer_bin"
}

bench_pids=()
bench_cleanup() {
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop "$work/pg"
  rm -rf "$work"
}

# bench_start_pg: a cluster in $work/pg; sets pg_port and pg_pid (the postmaster's).
bench_start_pg() {
  work="$(mktemp -d /tmp/todo-bench.XXXXXX)"
  chmod 755 "$work"
  trap bench_cleanup EXIT
  pg_port="$(free_port)"
  pg_start "$work/pg" "$pg_port" durable
  pg_pid="$(head -n1 "$work/pg/postmaster.pid")"
  # A commit normally waits for its WAL to reach the disk, which here measures the
  # disk (a few hundred fsyncs a second) rather than the work of a request. Without
  # the wait, WAL is still written, and flushed within 200 ms. BENCH_DURABLE=1 keeps it.
  if [ "${BENCH_DURABLE:-0}" != 1 ]; then
    psql_db -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" postgres >/dev/null
  fi
}

psql_db() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

# bench_start_issuer USERS: a JWKS on loopback and a token per user in $work/tokens.txt
# (first line the JWKS URL, then "user_id token"); sets jwks_url.
bench_start_issuer() {
  local users="$1"
  "$issuer_bin" "$users" "$work/tokens.txt" 2>/dev/null &
  bench_pids+=("$!")
  for _ in $(seq 100); do
    [ -f "$work/tokens.txt" ] && [ "$(wc -l < "$work/tokens.txt")" -gt "$users" ] && break
    sleep 0.1
  done
  jwks_url="$(head -n1 "$work/tokens.txt")"
}

# bench_start_todo_server DB: todo-server on a new database of that name (it runs the
# migrations); sets rust_port and rust_pid.
bench_start_todo_server() {
  pg_create_db "$pg_port" "$1"
  bench_launch_todo_server "$1"
}

# bench_launch_todo_server DB: todo-server on that existing database, once ready;
# sets rust_port and rust_pid. Variables set before the call reach the server.
bench_launch_todo_server() {
  local db="$1"
  rust_port="$(free_port)"
  DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/$db" TODO_BIND="127.0.0.1:$rust_port" \
    TODO_JWKS_URL="$jwks_url" TODO_DB_POOL_SIZE="$pool" RUST_LOG="${BENCH_RUST_LOG:-warn}" ${BENCH_SERVER_WRAPPER:-} "$server_bin" &
  rust_pid="$!"
  bench_pids+=("$rust_pid")
  wait_for "http://127.0.0.1:$rust_port/readyz"
}

# bench_seed DB USERS TASKS OUT: seeds by SQL and writes the wrk users file
# ("user_id token id,id,...") for the users that have tasks.
bench_seed() {
  local db="$1" users="$2" tasks="$3" out="$4"
  psql_db -v users="$users" -v tasks="$tasks" -f "$BENCH/seed.sql" "$db" >/dev/null
  psql_db -At -F ' ' -c "SELECT user_id, string_agg(id::text, ',' ORDER BY id)
      FROM tasks GROUP BY user_id ORDER BY user_id" "$db" \
    | awk 'NR == FNR { if (FNR > 1) token[$1] = $2; next } { print $1, token[$1], $2 }' \
      "$work/tokens.txt" - > "$out"
}

# Puts a database back as seeded, outside any measured window: drops the tasks the
# creates added (the triggers keep the owners' counts), and rewrites the table in id
# order, as seeded, so that every run, whichever came before it, sees the same table.
# A VACUUM alone left it 10 times its size with each owner's rows scattered over the
# pages that toggles and creates had grown: the next round's search then planned a
# bitmap scan and cost PostgreSQL 4 times as much, in pgbench too. Toggled flags stay
# toggled: half go one way, half the other, which changes nothing a request costs.
# The VACUUM takes every table: each toggle rewrites its owner's count row too.
bench_reset() {
  local db="$1" max_id="$2"
  psql_db -c "DELETE FROM tasks WHERE id > $max_id" "$db"
  psql_db -c "CLUSTER tasks USING tasks_pkey" -c "VACUUM ANALYZE" "$db"
}

# CPU microseconds used so far by the given processes and their children.
cpu_us() { python3 "$BENCH/cpu.py" "$@"; }

machine() {
  local model
  model="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "$(nproc) cores (${model:-unknown CPU}), $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(uname -r), PostgreSQL $(psql_db -Atc 'SHOW server_version' postgres | cut -d' ' -f1)"
}

# list_length_table DB LENGTHS...: for each length, seeds the first bench user with
# that many tasks (alone in DB; rust_port's server on it) and times one request of
# each kind on a kept-alive connection: a warm-up, then the median of 7. Prints a
# markdown table. Nothing else may run meanwhile.
list_length_table() {
  local db="$1" n user token base
  shift
  read -r user token < <(sed -n 2p "$work/tokens.txt")
  base="http://127.0.0.1:$rust_port/api/$user/tasks"
  echo "| tasks of that user | first page (\`limit=20\`) | page near the end (\`offset=n-40\`) |" \
    "\`q=needle\` (1 task in 97) | \`status=pending&sort=title\` | \`sort=due\` | get |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for n in "$@"; do
    log "list length: $n tasks"
    psql_db -c "TRUNCATE tasks" "$db"
    psql_db -v users=1 -v tasks="$n" -f "$BENCH/seed.sql" "$db" >/dev/null
    # Dues for sort=due (seed.sql writes only the columns FastAPI's schema has too):
    # a third timed, a third date-only, a third none.
    psql_db -c "UPDATE tasks SET due_at = created_at + interval '3 days' WHERE id % 3 = 1" \
      -c "UPDATE tasks SET due_date = (created_at + interval '5 days')::date WHERE id % 3 = 2" \
      -c "VACUUM ANALYZE tasks" "$db"
    local id
    id="$(psql_db -Atc "SELECT min(id) + $n / 2 FROM tasks" "$db")"
    local row="| $(echo "$n" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta')"
    for query in "?limit=20" "?limit=20&offset=$((n > 40 ? n - 40 : 0))" "?q=needle&limit=20" \
      "?status=pending&sort=title&limit=20" "?sort=due&tz=Europe/Paris&limit=20" "/$id"; do
      row="$row | $(time_request "$base$query" "$token") ms"
    done
    echo "$row |"
  done
}

# time_request URL TOKEN: the median time_total of 7 requests after a warm-up, in ms.
time_request() {
  local url="$1" token="$2" args=() i
  for i in $(seq 8); do args+=(-o /dev/null "$url"); done
  curl -s -H "Authorization: Bearer $token" -w '%{http_code} %{time_total}\n' "${args[@]}" \
    | awk -v url="$url" '$1 != 200 { print "HTTP " $1 " from " url > "/dev/stderr"; exit 1 }
                         NR > 1 { print $2 * 1000 }' \
    | sort -n | awk 'NR == 4 { printf ($1 < 10 ? "%.2f" : "%.1f"), $1 }'
}
