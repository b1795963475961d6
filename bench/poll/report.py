#!/usr/bin/env python3
"""Figures for bench/poll/run from nginx's access log, procmon timelines and stats JSON.

  report.py analyze --kind peak|steady --log ACCESS.log --timeline TL.json
                    [--cold-timeline TL.json] [--stats STATS.json] --feeds N
                    --interval SEC --out METRICS.json
  report.py table --feeds N --results DIR [--feedsentry-status TEXT] [--json OUT]

Server side (nginx log, one line per request: $msec $status $server_port $uri
$body_bytes_sent [$http_if_none_match][$http_if_modified_since]) gives what
each client really fetched: the k-th request for a feed URL belongs to poll
cycle k. The procmon timeline gives the client's CPU seconds and RSS over wall
time, so CPU is cut to one cycle:
- peak run: cycle 1 is cold (no validators, all due at once: every feed is a
  200 and parsed), cycle 2 is due all at once with warm validators after 10 %
  of feeds changed: conditional fetches/s = cycle-2 requests / (last - first
  response time); CPU = timeline CPU from 0.25 s before the first cycle-2
  response to 0.5 s after the last;
- steady run: feeds spread over the interval; the measured window is one
  interval long starting at the first cycle-2 request (warm validators, 10 %
  changing per interval); CPU % = window CPU / window length; scheduling delay
  percentiles come from the client's stats JSON (whole run).
A peak run made of two processes (feedsentry: `once` cold, then `once` warm)
passes the cold one's timeline as --cold-timeline: cycle 1 is timed and its
CPU counted from that process's start, the warm burst from --timeline.
"""

import argparse
import bisect
import json
import os
import sys


def read_log(path, feeds):
    reqs = []
    with open(path, errors="replace") as fh:
        for line in fh:
            parts = line.split(" ", 5)
            if len(parts) < 6 or not parts[3].startswith("/feeds/"):
                continue
            reqs.append((float(parts[0]), int(parts[1]), parts[3], int(parts[4]),
                         parts[5].strip() != "[-][-]"))
    reqs.sort()
    cycles = []  # cycles[k] = list of requests that were the (k+1)-th for their URL
    seen = {}
    for r in reqs:
        k = seen.get(r[2], 0)
        seen[r[2]] = k + 1
        while len(cycles) <= k:
            cycles.append([])
        cycles[k].append(r)
    return reqs, cycles


class Timeline:
    def __init__(self, path):
        with open(path) as fh:
            self.data = json.load(fh)
        self.t = [s[0] for s in self.data["samples"]]
        self.cpu = [s[1] for s in self.data["samples"]]
        self.rss = [s[2] for s in self.data["samples"]]

    def cpu_at(self, t):
        i = bisect.bisect_left(self.t, t)
        if i == 0:
            return self.cpu[0] if self.cpu else 0.0
        if i >= len(self.t):
            return self.cpu[-1]
        t0, t1 = self.t[i - 1], self.t[i]
        c0, c1 = self.cpu[i - 1], self.cpu[i]
        return c0 + (c1 - c0) * (t - t0) / (t1 - t0) if t1 > t0 else c1

    def peak_rss_kb(self):
        return max([self.data.get("max_rss_kb") or 0] + self.rss)


def status_counts(reqs):
    out = {"200": 0, "304": 0, "other": 0, "conditional": 0}
    for r in reqs:
        key = str(r[1]) if r[1] in (200, 304) else "other"
        out[key] += 1
        out["conditional"] += r[4]
    return out


def analyze(args):
    reqs, cycles = read_log(args.log, args.feeds)
    tl = Timeline(args.timeline)
    cold_tl = Timeline(args.cold_timeline) if args.cold_timeline else tl
    stats = None
    if args.stats and os.path.exists(args.stats):
        with open(args.stats) as fh:
            stats = json.load(fh)
    m = {"kind": args.kind, "feeds": args.feeds, "requests": len(reqs), "exit_code": tl.data["exit_code"],
         "run_seconds": tl.data["end"] - tl.data["start"], "cpu_seconds_total": tl.data["cpu_seconds"],
         "peak_rss_kb": max(tl.peak_rss_kb(), cold_tl.peak_rss_kb()), "stats": stats,
         "cycles_seen": [len(c) for c in cycles]}
    if not cycles:
        m["error"] = "no feed requests reached nginx"
        return m
    c1 = cycles[0]
    m["cycle1"] = {"requests": len(c1), "span_s": c1[-1][0] - c1[0][0],
                   "from_start_s": c1[-1][0] - cold_tl.data["start"], **status_counts(c1)}
    if args.kind == "peak":
        m["cold_cpu_seconds"] = cold_tl.cpu_at(c1[-1][0] + 0.5)  # from process start: includes startup
        if len(cycles) < 2:
            m["error"] = "no second (warm) cycle"
            return m
        c2 = cycles[1]
        first, last = c2[0][0], c2[-1][0]
        span = max(last - first, 1e-3)
        cpu = tl.cpu_at(last + 0.5) - tl.cpu_at(first - 0.25)
        m["peak"] = {"requests": len(c2), "complete": len(c2) == args.feeds, "span_s": span,
                     "fetches_per_s": len(c2) / span, "cpu_seconds": cpu,
                     "cpu_s_per_1000": cpu / len(c2) * 1000,
                     "overlaps_cycle1": c1[-1][0] > first - 0.25, **status_counts(c2)}
    else:
        if len(cycles) < 2:
            m["error"] = "no second cycle"
            return m
        c2 = cycles[1]
        w0 = c2[0][0]
        w1 = w0 + args.interval
        end = min(tl.data["end"], reqs[-1][0] + 0.001)
        if w1 > end:
            w1 = end
        in_w = [r for r in reqs if w0 <= r[0] < w1]
        length = w1 - w0
        cpu = tl.cpu_at(w1) - tl.cpu_at(w0)
        first_fetch = {r[2]: r[0] for r in c1}
        gaps = sorted(r[0] - first_fetch[r[2]] for r in c2)
        m["cycle2"] = {"requests": len(c2), "complete": len(c2) == args.feeds,
                       "span_s": c2[-1][0] - c2[0][0], "gap_max_s": gaps[-1],
                       "gap_p99_s": gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))], **status_counts(c2)}
        m["window"] = {"start_s": w0 - tl.data["start"], "length_s": length, "requests": len(in_w),
                       "complete": length >= 0.95 * args.interval,
                       "fetches_per_s": len(in_w) / length if length > 0 else 0.0, "cpu_seconds": cpu,
                       "cpu_percent": cpu / length * 100 if length > 0 else 0.0,
                       "cpu_s_per_1000": cpu / len(in_w) * 1000 if in_w else None, **status_counts(in_w)}
        if stats:
            m["delay_p50_ms"] = stats.get("delay_p50_ms")
            m["delay_p99_ms"] = stats.get("delay_p99_ms")
    return m


def summary_line(label, m):
    if "error" in m:
        return f"{label}: ERROR {m['error']} (exit {m['exit_code']}, {m['requests']} requests)"
    c1 = m["cycle1"]
    if m["kind"] == "peak":
        p = m["peak"]
        return (f"{label}: cold cycle {c1['requests']} fetches ({c1['200']} x 200) done "
                f"{c1['from_start_s']:.1f} s after start; warm cycle {p['requests']} fetches "
                f"({p['304']} x 304, {p['200']} x 200) in {p['span_s']:.2f} s = {p['fetches_per_s']:,.0f}/s, "
                f"{p['cpu_s_per_1000']:.3f} CPU s/1000; RSS {m['peak_rss_kb'] / 1024:.0f} MB; exit {m['exit_code']}")
    w = m["window"]
    d = (f"delay p50 {m.get('delay_p50_ms') or 0:.1f} ms p99 {m.get('delay_p99_ms') or 0:.1f} ms"
         if m.get("delay_p99_ms") is not None else "no delay stats")
    return (f"{label}: cycles {m['cycles_seen']}; window {w['length_s']:.0f} s: {w['requests']} fetches "
            f"({w['304']} x 304, {w['200']} x 200), {w['cpu_percent']:.2f} % CPU, "
            f"{w['cpu_s_per_1000'] or 0:.3f} CPU s/1000; {d}; RSS {m['peak_rss_kb'] / 1024:.0f} MB; exit {m['exit_code']}")


def load(results, client, kind):
    path = os.path.join(results, f"{client}-{kind}.json")
    if not os.path.exists(path):
        return None
    with open(path) as fh:
        return json.load(fh)


def floor_figures(path):
    """bench_curl_floor's passes as table figures; {} when it did not run."""
    if not os.path.exists(path):
        return {}
    with open(path) as fh:
        passes = json.load(fh)
    f = {}
    for kind in ("peak", "steady"):
        p = passes.get(kind)
        if not p or not p["fetches"] or not p["wall_seconds"]:
            continue
        st = {int(k): v for k, v in p["statuses"].items()}
        other = p["fetches"] - st.get(200, 0) - st.get(304, 0)
        f[f"{kind}_fps"] = p["fetches"] / p["wall_seconds"]
        f[f"{kind}_cpu1000"] = p["cpu_seconds"] / p["fetches"] * 1000
        if kind == "steady":
            f["steady_cpu_pct"] = p["cpu_seconds"] / p["wall_seconds"] * 100
            f["steady_mix"] = (st.get(200, 0), st.get(304, 0), other)
        else:
            f["peak_mix"] = (st.get(200, 0), st.get(304, 0), st.get(304, 0))
    return f


def table(args):
    rows = []
    data = {}
    for client in ("feedsentry", "baseline"):
        peak, steady = load(args.results, client, "peak"), load(args.results, client, "steady")
        f = {}
        if steady and "cycle2" in steady:
            c2 = steady["cycle2"]
            f["cycle"] = (c2["requests"], c2["gap_max_s"])
        if steady and steady.get("window", {}).get("complete") and steady["window"]["requests"]:
            w = steady["window"]
            f["steady_fps"] = w["fetches_per_s"]
            f["steady_mix"] = (w["200"], w["304"], w["other"])
            f["steady_cpu1000"] = w["cpu_s_per_1000"]
            f["steady_cpu_pct"] = w["cpu_percent"]
        if steady and steady.get("delay_p99_ms") is not None:
            f["delay"] = (steady["delay_p50_ms"], steady["delay_p99_ms"])
        if peak and "peak" in peak and peak["peak"]["complete"] and not peak["peak"]["overlaps_cycle1"]:
            p = peak["peak"]
            f["peak_fps"] = p["fetches_per_s"]
            f["peak_cpu1000"] = p["cpu_s_per_1000"]
            f["peak_mix"] = (p["200"], p["304"], p["conditional"])
        if peak and "cycle1" in peak:
            c1 = peak["cycle1"]
            f["cold"] = (c1["requests"], c1["from_start_s"])
        problems = []
        for kind, m in (("peak", peak), ("steady", steady)):
            if m is None:
                continue
            if m.get("error"):
                problems.append(f"{kind}: {m['error']}")
            if m.get("exit_code"):
                problems.append(f"{kind}: exit code {m['exit_code']}")
            if kind == "peak" and "peak" in m:
                if not m["peak"]["complete"]:
                    problems.append(f"peak: warm cycle incomplete ({m['peak']['requests']}/{args.feeds})")
                if m["peak"]["overlaps_cycle1"]:
                    problems.append("peak: cold cycle still running when the warm cycle started")
            if kind == "steady" and "window" in m and not m["window"]["complete"]:
                problems.append(f"steady: measured window only {m['window']['length_s']:.1f} s")
        f["problems"] = problems
        rss = [m["peak_rss_kb"] for m in (peak, steady) if m]
        if rss:
            f["rss_mb"] = max(rss) / 1024
        data[client] = {"figures": f, "peak": peak, "steady": steady}
    ours, base = data["feedsentry"]["figures"], data["baseline"]["figures"]
    floor = floor_figures(os.path.join(args.results, "curl-floor.json"))
    n = args.feeds
    unavailable = args.feedsentry_status

    def cell(f, key, fmt):
        if key not in f:
            return "-"
        return fmt(f[key])

    def verdict(key, ok):
        if unavailable or key not in ours:
            return ""
        return "PASS" if ok(ours[key]) else "FAIL"

    fmt_cycle = lambda v: f"{v[0]:,}/{n:,}, max gap {v[1]:.2f} s"  # noqa: E731
    fmt_cold = lambda v: f"{v[1]:.1f} s" if v[0] == n else f"incomplete, {v[0]:,}/{n:,}"  # noqa: E731
    ratio_steady = (base["steady_cpu1000"] / ours["steady_cpu1000"]
                    if ours.get("steady_cpu1000") and base.get("steady_cpu1000") else None)
    ratio_peak = (base["peak_cpu1000"] / ours["peak_cpu1000"]
                  if ours.get("peak_cpu1000") and base.get("peak_cpu1000") else None)

    def floor_ratio(key):
        if not floor.get(key) or not base.get(key):
            return "-"
        return f"{base[key] / floor[key]:.1f}x"
    interval = args.interval
    rows = [
        ("steady: feeds refetched, max gap", cell(ours, "cycle", fmt_cycle), cell(base, "cycle", fmt_cycle),
         f"all, gap <= {interval:g} s + 0.25", verdict("cycle", lambda v: v[0] == n and v[1] <= interval + 0.25)),
        ("steady: fetches/s", cell(ours, "steady_fps", lambda v: f"{v:,.0f}"),
         cell(base, "steady_fps", lambda v: f"{v:,.0f}"), "", ""),
        ("steady: 200 / 304 / other", cell(ours, "steady_mix", lambda v: "%d / %d / %d" % v),
         cell(base, "steady_mix", lambda v: "%d / %d / %d" % v), "~10 % 200", ""),
        ("steady: CPU s per 1,000 fetches", cell(ours, "steady_cpu1000", lambda v: f"{v:.4f}"),
         cell(base, "steady_cpu1000", lambda v: f"{v:.4f}"), "", ""),
        ("steady: avg CPU % of one core", cell(ours, "steady_cpu_pct", lambda v: f"{v:.2f} %"),
         cell(base, "steady_cpu_pct", lambda v: f"{v:.2f} %"), "< 3 %",
         verdict("steady_cpu_pct", lambda v: v < 3.0)),
        ("steady: sched. delay p50 / p99 ms", cell(ours, "delay", lambda v: f"{v[0]:.1f} / {v[1]:.1f}"),
         cell(base, "delay", lambda v: f"{v[0]:.1f} / {v[1]:.1f}"), "p99 < 250 ms",
         verdict("delay", lambda v: v[1] < 250)),
        ("peak: conditional fetches/s", cell(ours, "peak_fps", lambda v: f"{v:,.0f}"),
         cell(base, "peak_fps", lambda v: f"{v:,.0f}"), ">= 5,000/s", verdict("peak_fps", lambda v: v >= 5000)),
        ("peak: 200 / 304 (conditional)", cell(ours, "peak_mix", lambda v: "%d / %d (%d)" % v),
         cell(base, "peak_mix", lambda v: "%d / %d (%d)" % v), "", ""),
        ("peak: CPU s per 1,000 fetches", cell(ours, "peak_cpu1000", lambda v: f"{v:.4f}"),
         cell(base, "peak_cpu1000", lambda v: f"{v:.4f}"), "", ""),
        ("cold first cycle done after", cell(ours, "cold", fmt_cold), cell(base, "cold", fmt_cold), "", ""),
        ("peak RSS MB (both runs)", cell(ours, "rss_mb", lambda v: f"{v:.1f}"),
         cell(base, "rss_mb", lambda v: f"{v:.1f}"), "< 150 MB", verdict("rss_mb", lambda v: v < 150)),
        ("CPU/fetch baseline÷ours, steady", f"{ratio_steady:.1f}x" if ratio_steady else "-", "",
         ">= 20x", "" if ratio_steady is None else ("PASS" if ratio_steady >= 20 else "FAIL")),
        ("CPU/fetch baseline÷ours, peak", f"{ratio_peak:.1f}x" if ratio_peak else "-", "",
         ">= 20x", "" if ratio_peak is None else ("PASS" if ratio_peak >= 20 else "FAIL")),
    ]
    floor_cells = {
        "steady: fetches/s": cell(floor, "steady_fps", lambda v: f"{v:,.0f}"),
        "steady: 200 / 304 / other": cell(floor, "steady_mix", lambda v: "%d / %d / %d" % v),
        "steady: CPU s per 1,000 fetches": cell(floor, "steady_cpu1000", lambda v: f"{v:.4f}"),
        "steady: avg CPU % of one core": cell(floor, "steady_cpu_pct", lambda v: f"{v:.2f} %"),
        "peak: conditional fetches/s": cell(floor, "peak_fps", lambda v: f"{v:,.0f}"),
        "peak: 200 / 304 (conditional)": cell(floor, "peak_mix", lambda v: "%d / %d (%d)" % v),
        "peak: CPU s per 1,000 fetches": cell(floor, "peak_cpu1000", lambda v: f"{v:.4f}"),
        "CPU/fetch baseline÷ours, steady": floor_ratio("steady_cpu1000"),
        "CPU/fetch baseline÷ours, peak": floor_ratio("peak_cpu1000"),
    }
    rows = [(r[0], r[1], floor_cells.get(r[0], ""), r[2], r[3], r[4]) for r in rows]
    head = ("", "feedsentry" if not unavailable else f"feedsentry ({unavailable})",
            "libcurl alone (floor)", "baseline aiohttp+feedparser", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(6)]
    line = lambda r: "  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip()  # noqa: E731
    print(line(head))
    print("  ".join("-" * w for w in widths[:5]))
    for r in rows:
        print(line(r))
    for client in ("feedsentry", "baseline"):
        for problem in data[client]["figures"].get("problems", []):
            print(f"{client}: {problem}")
    if unavailable:
        print(f"feedsentry: {unavailable}")
    if floor:
        print("libcurl alone: bench_curl_floor, libcurl with no parsing, state or scheduling on the "
              "same URLs and limits (all 304; steady: 30 s at the steady rate); its ratio row is "
              "the best any libcurl-based poller could show against this baseline here")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"feeds": n, "interval": interval, "feedsentry_status": unavailable or "ok",
                       "ratio_steady": ratio_steady, "ratio_peak": ratio_peak,
                       "clients": data, "libcurl_alone": floor}, fh, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("analyze")
    a.add_argument("--kind", choices=["peak", "steady"], required=True)
    a.add_argument("--log", required=True)
    a.add_argument("--timeline", required=True)
    a.add_argument("--cold-timeline")
    a.add_argument("--stats")
    a.add_argument("--feeds", type=int, required=True)
    a.add_argument("--interval", type=float, required=True)
    a.add_argument("--label", default="")
    a.add_argument("--out", required=True)
    t = sub.add_parser("table")
    t.add_argument("--feeds", type=int, required=True)
    t.add_argument("--interval", type=float, required=True)
    t.add_argument("--results", required=True)
    t.add_argument("--feedsentry-status", default="")
    t.add_argument("--json")
    args = ap.parse_args()
    if args.cmd == "analyze":
        m = analyze(args)
        with open(args.out, "w") as fh:
            json.dump(m, fh, indent=1)
        print(summary_line(args.label or args.kind, m))
    else:
        table(args)


if __name__ == "__main__":
    main()
