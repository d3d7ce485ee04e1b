"""Prints the CPU time (user + system, in microseconds) used so far by each PID given,
its live children, and its children that have exited.

The kernel adds a reaped child's time to its parent's cutime/cstime, so the difference
of two readings counts every child that ran in between: one that was there at the
start, one that came, and one that came and went (a PostgreSQL backend of a pgbench
client, say). Grandchildren are not counted; neither server nor PostgreSQL has any
that work.

Usage: cpu.py PID [PID...]
"""
import os
import sys

roots = {int(pid) for pid in sys.argv[1:]}
ticks = 0
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    try:
        with open(f"/proc/{entry}/stat") as f:
            # "pid (comm) state ppid ...": comm may hold spaces, so split after it.
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:  # it exited while we looked
        continue
    utime, stime, cutime, cstime = map(int, fields[11:15])
    if int(entry) in roots:
        ticks += utime + stime + cutime + cstime
    elif int(fields[1]) in roots:
        ticks += utime + stime
print(ticks * 1_000_000 // os.sysconf("SC_CLK_TCK"))
