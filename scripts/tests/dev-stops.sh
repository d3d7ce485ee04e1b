#!/usr/bin/env bash
# scripts/dev must stop everything it started (todo-server, npm and next-server,
# its PostgreSQL cluster) when told to stop the way a terminal does it, even with
# its output piped into a reader that dies too: `./scripts/dev 2>&1 | tee dev.log`,
# then Ctrl-C (SIGINT), a kill (SIGTERM) or a closed terminal (SIGHUP).
#
# Each case starts that pipeline as a process group of its own (the terminal's
# foreground job), waits until the stack answers, signals the whole group, and
# checks that within 30 s nothing it started remains: no process carrying this
# run's marker variable, no postmaster in the private data directory, nothing
# listening on the ports it used.
#
# Fast and private: the todo-server binary in TODO_SERVER_BIN (default
# target/debug/todo-server), the existing web build (TODO_WEB_PREBUILT=1; scripts/test
# makes it just before), a temporary PostgreSQL data directory and free ports, so a
# developer's own scripts/dev is left alone.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

server_bin="${TODO_SERVER_BIN:-$ROOT/target/debug/todo-server}"
[ -x "$server_bin" ] || die "no todo-server at $server_bin (cargo build -p todo-app --bin todo-server)"
has_web=""
if [ -f "$ROOT/web/package.json" ]; then has_web=1; fi

work="$(mktemp -d /tmp/todo-dev-stops.XXXXXX)"
chmod 755 "$work" # the postgres user must reach the data directory inside
mark="DEV_STOPS_RUN=$work" # in the environment of every process the pipeline starts
job=""                     # process group of the running pipeline

# Pids of the processes that carry the marker (this script does not).
marked() {
  grep -lsz -- "^$mark\$" /proc/[0-9]*/environ | sed 's,^/proc/,,; s,/environ$,,' || true
}

# A zombie does not count: it holds no port and no data directory.
alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

postmaster_pid() {
  local pid
  pid="$(head -n1 "$work/pg/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && alive "$pid"; then echo "$pid"; fi
}

# The ports among the arguments that cannot be bound: something still listens.
busy_ports() {
  python3 - "$@" <<'PY'
import socket, sys
for port in sys.argv[1:]:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(port)))
    except OSError:
        print(port)
    finally:
        s.close()
PY
}

# What is left of the stack that used the given ports, one line each.
leftovers() {
  local pid port
  for pid in $(marked); do
    echo "process $(ps -o pid=,args= -p "$pid" 2>/dev/null | cut -c1-100 || echo "$pid")"
  done
  pid="$(postmaster_pid)"
  if [ -n "$pid" ]; then echo "postmaster $pid of $work/pg"; fi
  for port in $(busy_ports "$@"); do echo "port $port still in use"; done
}

# Stops whatever a failed case left behind, so that the next case starts clean.
kill_leftovers() {
  local pid _
  if [ -n "$job" ]; then
    kill -KILL -- "-$job" 2>/dev/null || true
    wait "$job" 2>/dev/null || true # and keep bash's "Killed" report quiet
  fi
  job=""
  pid="$(postmaster_pid)"
  if [ -n "$pid" ]; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    for pid in $(marked); do
      # A postmaster killed outright leaves its lock file and its children behind.
      if [ "$(ps -o comm= -p "$pid" 2>/dev/null)" = postgres ]; then
        kill -INT "$pid" 2>/dev/null || true
      else
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
    if [ -z "$(marked)" ] && [ -z "$(postmaster_pid)" ]; then return 0; fi
    sleep 1
  done
  echo "dev-stops: could not stop: $(marked) $(postmaster_pid)" >&2
}

passed=0
failed=0
current="" # the case under way, should this script stop in the middle of it

finish() {
  local status=$?
  if [ -n "$current" ]; then
    failed=$((failed + 1))
    printf 'FAIL  %s: the test stopped in the middle of it\n' "$current"
  fi
  kill_leftovers
  rm -rf "$work"
  echo "dev-stops: $passed passed, $failed failed"
  if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ready WHEN API_PORT WEB_PORT: "starting" once the API answers at all, "ready"
# once it is ready (it has the web app's keys) and the web app answers.
ready() {
  local when="$1" api="http://127.0.0.1:$2" web="http://127.0.0.1:$3"
  if [ "$when" = starting ] || [ -z "$has_web" ]; then
    curl -fs -o /dev/null --max-time 2 "$api/healthz"
  else
    curl -fs -o /dev/null --max-time 2 "$api/readyz" && curl -fs -o /dev/null --max-time 5 "$web/"
  fi
}

# Three distinct free ports on the loopback interface.
free_ports() {
  python3 -c 'import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in ss))'
}

case_no=0

# run_case NAME WHEN SIGNAL [SIGNAL...]: the signals go to the pipeline's process
# group, the later ones 0.3 s apart (while scripts/dev is cleaning up).
run_case() {
  local name="$1" when="$2" sig="$3" api web pg log reader started again _ elapsed left problem=""
  shift 3
  case_no=$((case_no + 1))
  current="$name"
  log="$work/dev-$case_no.log"
  read -r api web pg < <(free_ports)
  log "dev-stops: $name"

  # `setsid` makes the pipeline the leader of a group of its own, as a terminal's
  # job is. A script's background job ignores SIGINT, and CI may start this one
  # with signals ignored: reset them, as an interactive shell does for its jobs.
  setsid env --default-signal=INT,TERM,HUP,PIPE \
    -u DATABASE_URL -u TODO_JWKS_URL -u TODO_JWT_ISSUER -u TODO_JWT_AUDIENCE \
    -u TODO_CORS_ORIGINS -u BETTER_AUTH_URL -u NEXT_PUBLIC_API_URL \
    "$mark" TODO_BIND="127.0.0.1:$api" PORT="$web" TODO_PG_PORT="$pg" \
    TODO_PG_DATA="$work/pg" TODO_SERVER_BIN="$server_bin" TODO_WEB_PREBUILT=1 \
    BETTER_AUTH_SECRET="dev-stops-test-secret-$RANDOM$RANDOM$RANDOM$RANDOM" \
    CARGO_TERM_COLOR=never RUST_LOG=warn \
    bash -c '"$1" 2>&1 | tee "$2" >/dev/null' _ "$ROOT/scripts/dev" "$log" &
  job=$!

  started=$SECONDS
  until ready "$when" "$api" "$web"; do
    if ! kill -0 -- "-$job" 2>/dev/null; then
      problem="scripts/dev exited before the stack was ready"
      break
    fi
    if ((SECONDS - started > 300)); then
      problem="the stack was not ready within 300 s"
      break
    fi
    sleep 0.2
  done

  if [ -z "$problem" ]; then
    # The reader dies of the signal too; make certain it goes first, the order in
    # which the old cleanup died writing its "stopping" line to the closed pipe.
    reader="$(pgrep -g "$job" -x tee || true)"
    started=${EPOCHREALTIME/./}
    if [ -n "$reader" ]; then
      kill "-$sig" "$reader" 2>/dev/null || true
      for _ in $(seq 100); do alive "$reader" && sleep 0.05 || break; done
    fi
    # The group may be gone already: a scripts/dev that dies of its reader's end.
    kill "-$sig" -- "-$job" 2>/dev/null || true
    for again in "$@"; do
      sleep 0.3
      kill "-$again" -- "-$job" 2>/dev/null || true
    done
    until left="$(leftovers "$api" "$web" "$pg")" && [ -z "$left" ]; do
      if (((${EPOCHREALTIME/./} - started) / 1000000 >= 30)); then
        problem="still there 30 s after the signal:"$'\n'"$left"
        break
      fi
      sleep 0.2
    done
    elapsed="$(((${EPOCHREALTIME/./} - started) / 100000))"
  fi

  if [ -z "$problem" ]; then
    passed=$((passed + 1))
    printf 'ok    %s (all gone after %d.%d s)\n' "$name" $((elapsed / 10)) $((elapsed % 10))
  else
    failed=$((failed + 1))
    printf 'FAIL  %s: %s\n' "$name" "$problem" | sed '2,$s/^/        /'
    printf '      last lines of its output:\n'
    tail -n 12 "$log" 2>/dev/null | sed 's/^/        | /' || true
  fi
  kill_leftovers
  current=""
}

run_case "SIGINT (Ctrl-C) once ready" ready INT
run_case "SIGTERM once ready" ready TERM
run_case "SIGHUP (terminal closed) once ready" ready HUP
run_case "SIGINT while still starting (API up, web app not yet)" starting INT
run_case "SIGINT, then SIGINT again during cleanup" ready INT INT
# finish prints the counts and sets the exit status.
