#!/usr/bin/env python3
"""procmon.py --out TIMELINE.json [--every 0.1] -- COMMAND...

Runs COMMAND and samples its CPU time (utime+stime of all its threads, from
/proc/PID/stat) and RSS (/proc/PID/statm) every --every seconds against the
wall clock (time.time(), the same clock as nginx's $msec), so CPU can be cut
to any window of the run (one poll cycle, one burst). At exit it adds the
child's own rusage from wait4 (final CPU seconds, ru_maxrss). Exits with the
command's exit code. The same measurement is applied to feedsentry and the
baseline, so neither side's self-reported figures are needed for CPU or RSS.
"""

import json
import os
import resource
import signal
import subprocess
import sys
import time

TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def sample(pid):
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TCK  # utime, stime (fields 14, 15)
    with open(f"/proc/{pid}/statm") as fh:
        rss_kb = int(fh.read().split()[1]) * PAGE // 1024
    return cpu, rss_kb


def main():
    argv = sys.argv[1:]
    out, every = None, 0.1
    while argv and argv[0] != "--":
        if argv[0] == "--out":
            out, argv = argv[1], argv[2:]
        elif argv[0] == "--every":
            every, argv = float(argv[1]), argv[2:]
        else:
            sys.exit(__doc__)
    cmd = argv[1:]
    if not out or not cmd:
        sys.exit(__doc__)
    start = time.time()
    proc = subprocess.Popen(cmd)
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, lambda signum, frame: proc.send_signal(signum))
    samples = []
    status = rusage = None
    while True:
        try:
            cpu, rss = sample(proc.pid)
            samples.append((round(time.time(), 4), cpu, rss))
        except (OSError, IndexError, ValueError):
            pass
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(every)
    end = time.time()
    cpu = rusage.ru_utime + rusage.ru_stime
    samples.append((round(end, 4), cpu, samples[-1][2] if samples else 0))
    code = os.waitstatus_to_exitcode(status)
    with open(out, "w") as fh:
        json.dump({"cmd": cmd, "start": start, "end": end, "exit_code": code,
                   "cpu_seconds": cpu, "max_rss_kb": rusage.ru_maxrss,
                   "samples": samples}, fh)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
