"""Renders bench/run's measurements as markdown: the summary (medians over rounds,
errors summed), then every run as measured.

Usage: report.py RUNS_TSV
RUNS_TSV lines: scenario round who requests rps p50_ms p99_ms errors server_us pg_us
(who is todo-server, FastAPI, pgbench or paced: pgbench at todo-server's req/s; for
the last two, requests are transactions and server_us is 0).
"""
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
scenarios = []
for line in open(sys.argv[1]):
    scenario, rnd, who, requests, rps, p50, p99, errors, server_us, pg_us = line.split()
    requests = max(int(requests), 1)
    runs[scenario, who].append(dict(
        round=int(rnd), requests=int(requests), rps=float(rps), p50=float(p50), p99=float(p99),
        errors=int(errors), server=int(server_us) / requests, pg=int(pg_us) / requests))
    if scenario not in scenarios:
        scenarios.append(scenario)


def median(scenario, who, key):
    values = [run[key] for run in runs[scenario, who]]
    return statistics.median(values) if values else float("nan")


def num(x, digits=0):
    return f"{x:,.{digits}f}"


print("| scenario | req/s | p50 ms | p99 ms | errors | server CPU µs/req | Postgres CPU µs/req"
      " | pgbench tps, same SQL | Postgres CPU µs/txn under pgbench | req/s ÷ pgbench tps"
      " | Postgres CPU/req ÷ CPU/txn | Postgres CPU µs/txn, pgbench at the same rate"
      " | Postgres CPU/req ÷ CPU/txn at the same rate | FastAPI req/s | FastAPI p99 ms"
      " | FastAPI CPU µs/req | speed-up over FastAPI |")
print("|---|" + "---:|" * 16)
for s in scenarios:
    rps, tps, py_rps = median(s, "todo-server", "rps"), median(s, "pgbench", "rps"), median(s, "FastAPI", "rps")
    pg, pg_txn = median(s, "todo-server", "pg"), median(s, "pgbench", "pg")
    pg_paced = median(s, "paced", "pg")
    errors = sum(run["errors"] for run in runs[s, "todo-server"])
    print(f"| {s} | {num(rps)} | {num(median(s, 'todo-server', 'p50'), 1)}"
          f" | {num(median(s, 'todo-server', 'p99'), 1)} | {errors}"
          f" | {num(median(s, 'todo-server', 'server'))} | {num(pg)} | {num(tps)} | {num(pg_txn)}"
          f" | {rps / tps:.2f} | {pg / pg_txn:.2f} | {num(pg_paced)} | {pg / pg_paced:.2f}"
          f" | {num(py_rps)}"
          f" | {num(median(s, 'FastAPI', 'p99'))} | {num(median(s, 'FastAPI', 'server'))}"
          f" | {rps / py_rps:.1f}× |")

print()
print("Every run (CPU per request, or per transaction for pgbench; paced: pgbench at"
      " todo-server's req/s of the same round):")
print()
print("| scenario | round | who | requests | req/s | p50 ms | p99 ms | errors"
      " | server CPU µs/req | Postgres CPU µs/req |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for s in scenarios:
    for who in ("todo-server", "FastAPI", "pgbench", "paced"):
        for run in runs[s, who]:
            print(f"| {s} | {run['round']} | {who} | {run['requests']} | {num(run['rps'])}"
                  f" | {num(run['p50'], 2)} | {num(run['p99'], 2)} | {run['errors']}"
                  f" | {num(run['server'])} | {num(run['pg'])} |")
