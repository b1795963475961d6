#!/usr/bin/python3
"""End-to-end benchmark (issue #8, part 5); run it through bench/e2e/run.

  bench/e2e/run [--quick] [--steps 2000,5000,10000,20000] [--max-feeds N] [--interval 60]
                [--change 0.05] [--hosts 32] [--only feedsentry|baseline] [--binary PATH]
                [--feed-list opml|yaml] [--json OUT.json] [--keep]

For each step (feed count N, smallest first) and each client (feedsentry `run`, then the
Python aiohttp + feedparser baseline, bench/poll/baseline_aiohttp.py with --alert-url):
- one nginx (started once; own prefix in a temp dir, 1 worker, 127.0.0.1 only, --hosts
  ports; feed i on port i % hosts, as bench/poll) serves the first N feeds of the bench/poll
  corpus (bench/poll/feeds.py generate, cached as BUILD/bench-poll-corpus-v2-COUNT), hard
  linked into a fresh directory for each run;
- feedsentry's config lists them in an OPML file (--feed-list opml, the default: how large
  subscription lists come) or inline as feeds: entries (--feed-list yaml; yaml-cpp's
  document tree makes start-up peak memory about 2 KB per feed higher);
- the client polls them at --interval (jitter 0, first polls spread over one interval,
  64 transfers, 2 per host:port, no per-host gap), alerting to a webhook receiver in this
  script (resilience_lib.Receiver; feedsentry: generic webhook, followups: thread,
  rate_limit off);
- after one interval (every feed fetched once), for --publish-for seconds (default one
  interval) --change (5 %) of the feeds per interval get a new item, spread evenly over the
  interval: a DPRK/Russia sanctions headline that the default rules match, written on top
  of the feed (oldest item dropped; tmp + rename, so nginx serves a new ETag) with its
  pubDate = the rewrite time. Publish-to-alert delay = receive time at the webhook minus
  that rewrite time; an item not received interval + 5 s after the last publication
  counts as infinitely late;
- measured in the steady window (from one interval after the start to the end of the
  run, i.e. the cold first cycle is left out): fetches from nginx's access log, the
  client's and nginx's CPU from /proc (bench/poll/procmon.sample every 0.5 s), hence CPU per
  1,000 fetches and % of one core; peak RSS is the client's VmHWM.
A client passes a step when its p99 delay <= interval + 2 s and nothing was lost; it stops
stepping after its first failing step. Prints a table and, per client, the largest feed
count that passed. --quick: 1,000 feeds at a 10 s interval, one step per client (< 2 min).
"""
import argparse
import asyncio
import importlib.util
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "resilience"))
import resilience_lib as R  # noqa: E402

PY = "/usr/bin/python3"


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


feeds_mod = load_module("bench_poll_feeds", ROOT / "bench" / "poll" / "feeds.py")
procmon = load_module("bench_poll_procmon", ROOT / "bench" / "poll" / "procmon.py")


def free_ports(count):
    socks = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Nginx:
    def __init__(self, tmp, ports):
        self.dir = tmp / "nginx"
        self.www = tmp / "www"
        self.ports = ports
        (self.dir / "temp").mkdir(parents=True, exist_ok=True)
        self.www.mkdir(parents=True, exist_ok=True)
        self.log = self.dir / "access.log"
        user = ""
        if os.getuid() == 0:
            import grp
            import pwd
            user = (f"user {pwd.getpwuid(os.getuid()).pw_name} "
                    f"{grp.getgrgid(os.getgid()).gr_name};")
        d = self.dir
        servers = "\n".join(f"  server {{ listen 127.0.0.1:{p}; root {self.www}; location /feeds/ {{ }} }}"
                            for p in ports)
        (d / "nginx.conf").write_text(f"""{user}
worker_processes 1;
daemon off;
master_process on;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 8192; }}
http {{
  types {{ application/xml xml; }}
  default_type application/octet-stream;
  client_body_temp_path {d}/temp/body;
  proxy_temp_path {d}/temp/proxy;
  fastcgi_temp_path {d}/temp/fastcgi;
  uwsgi_temp_path {d}/temp/uwsgi;
  scgi_temp_path {d}/temp/scgi;
  open_file_cache off;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 300s;
  keepalive_requests 1000000;
  etag on;
  if_modified_since exact;
  log_format bench '$msec $status $server_port $uri $body_bytes_sent';
  access_log {self.log} bench buffer=256k flush=1s;
{servers}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", f"{d}/", "-c", str(d / "nginx.conf"),
                                         "-e", str(d / "error.log")])
        deadline = time.time() + 10
        for port in ports:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline or self.process.poll() is not None:
                        sys.exit("nginx did not start: " + (d / "error.log").read_text()[-800:])
                    time.sleep(0.05)

    def workers(self):
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == self.process.pid:
                    pids.append(int(entry))
        return pids

    def cpu(self, workers):
        total = 0.0
        for pid in [self.process.pid] + workers:
            value = R.cpu_seconds(pid)
            total += value or 0.0
        return total

    def rotate(self, dest):
        """Moves the access log to dest (USR1 flushes the buffer and reopens a new file)."""
        if self.log.exists():
            self.log.rename(dest)
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(50):
            if self.log.exists():
                break
            time.sleep(0.05)
        time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def find_corpus(count):
    """A cached bench/poll corpus with >= count feeds, else generate one of exactly count."""
    candidates = []
    for build in sorted(ROOT.glob("build*")):
        for corpus in build.glob("bench-poll-corpus-v2-*"):
            try:
                size = int(corpus.name.rsplit("-", 1)[1])
            except ValueError:
                continue
            if size >= count and (corpus / ".done").exists():
                candidates.append((size, corpus))
    if candidates:
        return min(candidates)[1]
    build = ROOT / "build-release" if (ROOT / "build-release").is_dir() else ROOT / "build"
    corpus = build / f"bench-poll-corpus-v2-{count}"
    R.log(f"generating {count} feeds into {corpus} (bench/poll/feeds.py generate)")
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run([PY, str(ROOT / "bench" / "poll" / "feeds.py"), "generate", "--count",
                    str(count), "--out", str(corpus)], check=True)
    (corpus / ".done").touch()
    return corpus


def new_item_xml(tag, guid, title, summary, link, when):
    if tag == "item":
        return R.rss_item(guid, title, link, int(when), summary) + "\n"
    iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
    return (f"<entry>\n<title type=\"text\">{xml_escape(title)}</title>\n"
            f"<link href=\"{xml_escape(link)}\" rel=\"alternate\" type=\"text/html\" />\n"
            f"<id>{xml_escape(guid)}</id>\n<published>{iso}</published>\n<updated>{iso}</updated>\n"
            f"<summary type=\"text\">{xml_escape(summary)}</summary>\n</entry>\n")


def publish(path, guid, title, summary, link):
    """New item on top, oldest dropped, tmp + rename; returns the publish (rewrite) time."""
    doc = path.read_text(encoding="utf-8")
    tag, spans = feeds_mod.item_spans(doc)
    now = time.time()
    new = new_item_xml(tag, guid, title, summary, link, now)
    if spans:
        if len(spans) > 1:
            doc = doc[:spans[-1][0]] + doc[spans[-1][1]:]
        doc = doc[:spans[0][0]] + new + doc[spans[0][0]:]
    else:
        close = "</channel>" if tag == "item" else "</feed>"
        doc = doc.replace(close, new + close, 1)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(doc, encoding="utf-8")
    os.replace(tmp, path)
    return now


def read_access_log(path, t0, t1):
    """(requests, status counts) with $msec in [t0, t1]."""
    count, statuses = 0, {}
    try:
        with open(path) as fh:
            for line in fh:
                parts = line.split(" ", 2)
                try:
                    at = float(parts[0])
                except (ValueError, IndexError):
                    continue
                if t0 <= at <= t1:
                    count += 1
                    statuses[parts[1]] = statuses.get(parts[1], 0) + 1
    except OSError:
        pass
    return count, statuses


async def run_step(ctx, client, count):
    args, tmp, nginx, receiver = ctx["args"], ctx["tmp"], ctx["nginx"], ctx["receiver"]
    interval = args.interval
    label = f"{client}-{count}"
    run_dir = tmp / label
    run_dir.mkdir()
    www = nginx.www / "feeds"
    shutil.rmtree(www, ignore_errors=True)
    www.mkdir()
    names = [f"feed-{i:05d}.xml" for i in range(1, count + 1)]
    for name in names:
        os.link(ctx["corpus"] / name, www / name)
    ports = nginx.ports
    urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/feeds/{names[i - 1]}" for i in range(1, count + 1)]
    (run_dir / "urls.txt").write_text("\n".join(urls) + "\n")
    warm = interval + 2.0
    publish_for = args.publish_for or interval
    drain = interval + 5.0
    run_for = warm + publish_for + drain
    nginx.rotate(tmp / f"before-{label}.log")
    receiver.requests.clear()

    if client == "feedsentry":
        config = run_dir / "feedsentry.yaml"
        config.write_text(R.daemon_config(
            run_dir / "state", [(u, Path(u).stem) for u in urls],
            R.webhook_output(receiver.url, rate_limit="off"), None,
            poll={"interval": f"{interval:g}s", "jitter": 0, "startup_spread": f"{interval:g}s",
                  "backfill": "6h"},
            http={"max_concurrency": 64, "per_host_concurrency": 2, "per_host_min_gap": "0s"},
            log_level="warn",
            opml=None if args.feed_list == "yaml" else run_dir / "feeds.opml"))
        command = [str(ctx["binary"]), "run", "--config", str(config),
                   "--stats-json", str(run_dir / "stats.json")]
    else:
        command = [PY, str(ROOT / "bench" / "poll" / "baseline_aiohttp.py"), "--urls",
                   str(run_dir / "urls.txt"), "--interval", f"{interval:g}", "--spread",
                   f"{interval:g}", "--run-for", f"{run_for + 2:g}", "--max-concurrency", "64",
                   "--per-host", "2", "--stats-json", str(run_dir / "stats.json"),
                   "--alert-url", receiver.url, "--match", "."]
        # The baseline has no classifier (its keyword default misses Russian/Korean
        # headlines); every new item here is a matching one, so it alerts on each.
    logfile = open(run_dir / "client.log", "wb")
    started = time.time()
    process = subprocess.Popen(command, stdout=logfile, stderr=logfile, stdin=subprocess.DEVNULL)
    R.log(f"{label}: {count} feeds, interval {interval:g} s, {run_for:.0f} s "
          f"(warm-up {warm:.0f} s, publishing {publish_for:.0f} s, drain {drain:.0f} s)")
    samples = []  # (wall, client cpu, client rss kB, nginx cpu)
    peak_hwm = [0]
    stop = asyncio.Event()

    async def sampler():
        workers = nginx.workers()
        while not stop.is_set():
            try:
                cpu, rss = procmon.sample(process.pid)
                samples.append((time.time(), cpu, rss, nginx.cpu(workers)))
                peak_hwm[0] = max(peak_hwm[0], R.read_proc_status(process.pid).get("VmHWM", 0))
            except (OSError, IndexError, ValueError):
                pass
            await asyncio.sleep(0.5)

    published = []  # (link, wall time)
    rng = random.Random(f"{args.seed}-{label}")
    matching = ctx["matching"]

    async def publisher():
        await asyncio.sleep(max(0.0, started + warm - time.time()))
        per_cycle = max(1, round(count * args.change))
        end = started + warm + publish_for
        cycle_start = time.time()
        n = 0
        while cycle_start < end:
            chosen = rng.sample(range(count), per_cycle)
            for i, index in enumerate(chosen):
                at = cycle_start + interval * i / per_cycle
                if at >= end:
                    break
                await asyncio.sleep(max(0.0, at - time.time()))
                title = matching[n % len(matching)]
                link = f"https://news.example.com/e2e/{label}/{n}"
                when = publish(www / names[index], f"e2e-{label}-{n}", title["title"],
                               title["summary"], link)
                published.append((link, when))
                n += 1
            cycle_start += interval

    loop = asyncio.get_running_loop()
    sampling = loop.create_task(sampler())
    publishing = loop.create_task(publisher())
    exit_code = None
    try:
        await publishing
        publish_end = time.time()
        wanted = {link for link, _ in published}
        while time.time() < publish_end + drain and process.poll() is None:
            if wanted <= {d.link for d in receiver.delivered()}:
                break
            await asyncio.sleep(0.5)
        window_end = time.time()
        # the steady window: at least one full interval after the warm-up
        while time.time() < started + warm + interval and process.poll() is None:
            await asyncio.sleep(0.5)
        window_end = max(window_end, time.time())
        stop.set()
        await sampling
        process.send_signal(signal.SIGTERM)
        for _ in range(200):
            if process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        if process.poll() is None:
            process.kill()
        exit_code = process.wait()
    finally:
        stop.set()
        if process.poll() is None:
            process.kill()
            process.wait()
        logfile.close()
    await asyncio.sleep(0.3)
    nginx.rotate(tmp / f"{label}.log")

    window_start = started + warm
    inside = [s for s in samples if window_start <= s[0] <= window_end]
    fetches, statuses = read_access_log(tmp / f"{label}.log", window_start, window_end)
    total_fetches, _ = read_access_log(tmp / f"{label}.log", 0, math.inf)
    span = (inside[-1][0] - inside[0][0]) if len(inside) >= 2 else 0.0
    cpu = (inside[-1][1] - inside[0][1]) if len(inside) >= 2 else 0.0
    nginx_cpu = (inside[-1][3] - inside[0][3]) if len(inside) >= 2 else 0.0
    fetches_span, _ = read_access_log(tmp / f"{label}.log", inside[0][0], inside[-1][0]) if inside else (0, {})
    first = {}
    for d in receiver.delivered():
        first.setdefault(d.link, d.at_wall)
    delays = [first[link] - at if link in first else math.inf for link, at in published]
    lost = sum(1 for d in delays if d == math.inf)
    p99 = R.percentile(delays, 0.99)
    result = {
        "client": client, "feeds": count, "interval": interval, "exit_code": exit_code,
        "published": len(published), "lost": lost,
        "delay_p50_s": R.percentile(delays, 0.5), "delay_p99_s": p99,
        "delay_max_s": max(delays) if delays else None,
        "window_s": span, "fetches_window": fetches_span, "fetches_total": total_fetches,
        "fetches_per_s": fetches_span / span if span else None,
        "expected_fetches_per_s": count / interval, "statuses": statuses,
        "cpu_s": cpu, "cpu_pct_core": cpu / span * 100 if span else None,
        "cpu_s_per_1000_fetches": cpu / fetches_span * 1000 if fetches_span else None,
        "nginx_cpu_pct_core": nginx_cpu / span * 100 if span else None,
        "peak_rss_mb": max([peak_hwm[0]] + [s[2] for s in samples]) / 1024,
    }
    result["pass"] = bool(published) and lost == 0 and p99 is not None and p99 <= interval + 2
    try:
        result["stats"] = json.loads((run_dir / "stats.json").read_text())
    except (OSError, ValueError):
        result["stats"] = None
    R.log(f"{label}: published {len(published)}, lost {lost}, p99 "
          f"{fmt(p99, '.2f')} s, CPU {fmt(result['cpu_pct_core'], '.1f')} % of a core, "
          f"{fmt(result['fetches_per_s'], '.0f')} fetches/s -> {'PASS' if result['pass'] else 'FAIL'}")
    if result["pass"] and not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    return result


def fmt(value, spec):
    if value is None:
        return "-"
    if value == math.inf:
        return "inf"
    return format(value, spec)


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--steps", help="comma-separated feed counts")
    ap.add_argument("--max-feeds", type=int)
    ap.add_argument("--interval", type=float)
    ap.add_argument("--publish-for", type=float, help="publishing window per step, s (default: interval)")
    ap.add_argument("--change", type=float, default=0.05)
    ap.add_argument("--hosts", type=int, default=32)
    ap.add_argument("--only", choices=["feedsentry", "baseline"])
    ap.add_argument("--feed-list", choices=["opml", "yaml"], default="opml",
                    help="how feedsentry's config lists the feeds: an OPML file (what large "
                         "subscription lists are) or inline feeds: entries")
    ap.add_argument("--binary")
    ap.add_argument("--json")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.interval = args.interval or (10.0 if args.quick else 60.0)
    steps = [int(s) for s in (args.steps or ("1000" if args.quick else
                                             "2000,5000,10000,20000,50000,100000")).split(",")]
    if args.max_feeds:
        steps = [s for s in steps if s <= args.max_feeds] or [args.max_feeds]
    binary = R.find_binary(args.binary)
    began = time.monotonic()
    matching, _ = R.load_titles(binary)
    corpus = find_corpus(max(steps))
    tmp = Path(tempfile.mkdtemp(prefix="feedsentry-bench-e2e-"))
    nginx = Nginx(tmp, free_ports(args.hosts))
    receiver = await R.Receiver().start()
    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                      if l.startswith("model name")), "?")
    R.log(f"e2e: steps {steps}, interval {args.interval:g} s, {args.change:.0%} changing per "
          f"interval, nginx pid {nginx.process.pid} on {args.hosts} ports, corpus {corpus}; "
          f"{os.cpu_count()} CPUs ({cpu_model}); load {open('/proc/loadavg').read().split()[0]}")
    clients = [c for c in ("feedsentry", "baseline") if args.only in (None, c)]
    results = []
    alive = set(clients)
    ctx = {"args": args, "tmp": tmp, "nginx": nginx, "receiver": receiver, "binary": binary,
           "corpus": corpus, "matching": matching}
    try:
        for count in steps:
            for client in clients:
                if client in alive:
                    result = await run_step(ctx, client, count)
                    results.append(result)
                    if not result["pass"]:
                        alive.discard(client)
            if not alive:
                break
    finally:
        await receiver.go_down()
        nginx.stop()
    interval = args.interval
    print()
    print(f"== end-to-end: interval {interval:g} s, pass = p99 publish-to-alert <= {interval + 2:g} s "
          f"and nothing lost; steady window (after the first interval)")
    R.print_table(
        ["client", "feeds", "fetches/s (need)", "CPU/1k fetches", "client CPU", "nginx CPU",
         "peak RSS", "items", "lost", "delay p50", "p99", "max", "result"],
        [[r["client"], r["feeds"],
          f"{fmt(r['fetches_per_s'], '.0f')} ({r['expected_fetches_per_s']:.0f})",
          f"{fmt(r['cpu_s_per_1000_fetches'], '.3f')} s", f"{fmt(r['cpu_pct_core'], '.1f')} %",
          f"{fmt(r['nginx_cpu_pct_core'], '.1f')} %", f"{r['peak_rss_mb']:.0f} MB",
          r["published"], r["lost"], f"{fmt(r['delay_p50_s'], '.2f')} s",
          f"{fmt(r['delay_p99_s'], '.2f')} s", f"{fmt(r['delay_max_s'], '.2f')} s",
          "PASS" if r["pass"] else "FAIL"] for r in results])
    print()
    for client in clients:
        passed = [r["feeds"] for r in results if r["client"] == client and r["pass"]]
        tried = [r["feeds"] for r in results if r["client"] == client]
        failed = [r["feeds"] for r in results if r["client"] == client and not r["pass"]]
        text = (f"{max(passed)} feeds" if passed else "none of the steps")
        text += (f" (failed at {failed[0]})" if failed else
                 f" (the largest step tried{'' if not tried else ', ' + str(max(tried))}; "
                 "did not reach the limit)")
        print(f"  {client}: largest feed count within p99 <= interval + 2 s: {text}")
    load = open("/proc/loadavg").read().split()[0]
    print(f"  machine: {os.cpu_count()} CPUs, {cpu_model}; load average at the end {load}; "
          f"wall time {time.monotonic() - began:.0f} s")
    if float(load) > 1.5:
        print("  warning: the load average says other work was running; figures are noisy")
    if args.json:
        Path(args.json).write_text(json.dumps({"interval": interval, "steps": steps,
                                               "cpu_model": cpu_model, "results": results},
                                              indent=1, default=str) + "\n")
        print(f"  details: {args.json}")
    failed_runs = [r for r in results if r["exit_code"] not in (0, None) and r["client"] == "feedsentry"]
    if args.keep or failed_runs:
        print(f"  work dir: {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
