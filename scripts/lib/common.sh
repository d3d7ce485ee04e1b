# Shared helpers for scripts/dev and scripts/test. Source it; do not run it.
# Everything here is idempotent: it installs only what is missing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "missing $* and no apt-get to install it; install it by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The PostgreSQL server binaries (initdb, pg_ctl, postgres) and libpq for diesel.
pg_bindir() {
  local dir=""
  if command -v pg_config >/dev/null; then dir="$(pg_config --bindir)"; fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  fi
  printf '%s' "$dir"
}

ensure_system_packages() {
  local missing=()
  [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql)
  # diesel links libpq: the unversioned libpq.so comes only with the -dev package
  # (ldconfig's cache and pg_config can both outlive it, so look for the file).
  compgen -G '/usr/lib/*/libpq.so' >/dev/null || compgen -G '/usr/lib/libpq.so' >/dev/null \
    || missing+=(libpq-dev)
  command -v cargo >/dev/null || die "cargo is not installed (https://rustup.rs)"
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# initdb refuses to run as root: the cluster belongs to the 'postgres' user then.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_pg_user() {
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# pg_start DATA_DIR PORT [durable|throwaway]: initialises DATA_DIR if empty and
# starts a server on 127.0.0.1:PORT with its socket inside DATA_DIR.
pg_start() {
  local data="$1" port="$2" mode="${3:-durable}" bin
  bin="$(pg_bindir)"
  ensure_pg_user
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then chown "$(pg_user)" "$data"; fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a PostgreSQL cluster in $data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local opts="-p $port -k $data -c listen_addresses=127.0.0.1"
  if [ "$mode" = throwaway ]; then
    # Test data is disposable: skip the disk flushes that make it durable.
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    # Tests count the statements the service sends (pg_stat_statements).
    opts="$opts -c shared_preload_libraries=pg_stat_statements"
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running in $data"
  else
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null \
      || { tail -n 20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
  fi
}

pg_stop() {
  local data="$1"
  [ -f "$data/PG_VERSION" ] || return 0
  as_pg "$(pg_bindir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# Creates database NAME on the local cluster if it does not exist.
pg_create_db() {
  local port="$1" name="$2"
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" postgres
  fi
}

# wait_for URL [SECONDS]: until URL answers 2xx, or fail after SECONDS (default 60).
wait_for() {
  local url="$1" tries=$(( ${2:-60} * 10 ))
  for _ in $(seq "$tries"); do curl -fs -o /dev/null "$url" && return 0; sleep 0.1; done
  die "$url did not answer"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- the web app -------------------------------------------------------------

export NEXT_TELEMETRY_DISABLED=1

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
}

# npm ci only when the lock file changed since the last install.
ensure_web_packages() {
  ensure_node
  local stamp="$ROOT/web/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/web/package-lock.json" "$stamp"; then
    log "npm ci (web)"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund)
    cp "$ROOT/web/package-lock.json" "$stamp"
  fi
}

ensure_chromium() {
  command -v chromium >/dev/null || apt_install chromium fonts-dejavu-core
}

# run_web_tests PG_PORT: unit tests, a production build, then the browser tests
# against a fresh database on the given cluster.
run_web_tests() {
  local port="$1"
  ensure_web_packages
  ensure_chromium
  log "web unit tests"
  (cd "$ROOT/web" && npm run test:unit)
  log "web production build"
  (cd "$ROOT/web" && npm run build)
  pg_create_db "$port" todo_e2e
  log "browser tests (Chromium)"
  (cd "$ROOT/web" && E2E_DATABASE_URL="postgres://postgres@127.0.0.1:$port/todo_e2e" \
    TODO_SERVER_BIN="$ROOT/target/debug/todo-server" npm run test:e2e)
}

# start_web PORT API_URL: Better Auth's tables, a production build (kept as it is
# with TODO_WEB_PREBUILT=1 when there is one), then the server in the background, in
# a process group of its own (its `npm run start` generates BETTER_AUTH_SECRET into
# web/.env.local if absent).
start_web() {
  local port="$1" api_url="$2"
  ensure_web_packages
  export DATABASE_URL BETTER_AUTH_URL="${BETTER_AUTH_URL:-http://localhost:$port}"
  export NEXT_PUBLIC_API_URL="${NEXT_PUBLIC_API_URL:-$api_url}" PORT="$port"
  log "Better Auth migrations"
  (cd "$ROOT/web" && npm run db:migrate)
  if [ "${TODO_WEB_PREBUILT:-}" = 1 ] && [ -f "$ROOT/web/.next/BUILD_ID" ]; then
    log "using the existing web build (TODO_WEB_PREBUILT=1)"
  else
    log "building the web app"
    (cd "$ROOT/web" && npm run build)
  fi
  (cd "$ROOT/web" && exec setsid npm run start) &
}
