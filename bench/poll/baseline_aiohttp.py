#!/usr/bin/python3
"""Baseline poller: what a user would otherwise write, aiohttp + feedparser.

Run it with /usr/bin/python3 (Debian's python3-aiohttp and python3-feedparser).

  baseline_aiohttp.py --urls urls.txt --interval 60 --spread 60 --run-for 130
                      [--max-concurrency 64] [--per-host 2] [--state FILE]
                      [--stats-json OUT.json]

Same scheduling model and limits as feedsentry's config (poll.interval,
poll.startup_spread, http.max_concurrency, http.per_host_concurrency, host =
host:port):
- feed i (0-based, in file order) is first due at t0 + spread * i / N, then
  every --interval seconds after its previous due time (fixed rate, no jitter);
  a feed whose fetch overran its next due time is fetched right after, late;
- one coroutine per feed; a fetch takes a per-host slot (--per-host) and then a
  global slot (--max-concurrency), and its scheduling delay is the time from
  its due time to that moment (when the request is sent);
- conditional GET with the stored ETag (If-None-Match) and Last-Modified
  (If-Modified-Since); a 200 body is parsed with feedparser.parse() in the
  event loop and its entry ids are compared with the ids already seen, as a
  real poller would, to find new items;
- keep-alive connections (aiohttp TCPConnector with the same limits);
- --state keeps validators and seen ids across runs (loaded at start, saved at
  exit), as feedsentry keeps them in its state_dir;
- with --alert-url (bench/e2e), a new entry of a feed already fetched once whose
  title or summary matches --match (a regex; default: DPRK/Russia sanctions
  words) is "alerted": POSTed as JSON {link, title, feed} to that URL from the
  same event loop, as a user's script would notify a webhook. Not used by
  bench/poll.
At --run-for seconds after start it stops (in-flight fetches are cancelled) and
writes the same stats JSON as `feedsentry run --stats-json`.
"""

import argparse
import asyncio
import json
import os
import re
import resource
import sys
import time
from urllib.parse import urlsplit

T_START = time.monotonic()

import aiohttp  # noqa: E402  (import time counts in the run, as it would for a user)
import feedparser  # noqa: E402


class Poller:
    def __init__(self, args, urls, state):
        self.args = args
        self.urls = urls
        self.validators = {u: tuple(v) for u, v in state.get("validators", {}).items()}
        self.seen = {u: set(ids) for u, ids in state.get("seen", {}).items()}
        self.host_sem = {}
        for u in urls:
            self.host_sem.setdefault(urlsplit(u).netloc, asyncio.Semaphore(args.per_host))
        self.global_sem = asyncio.Semaphore(args.max_concurrency)
        self.delays = []
        self.counts = {"fetches": 0, "status_200": 0, "status_304": 0, "errors": 0, "other_status": 0,
                       "new_items": 0, "bytes": 0}
        self.max_cycle = 0
        self.match = re.compile(args.match, re.IGNORECASE)
        self.alert_tasks = set()
        self.counts["alerts"] = 0
        self.counts["alert_errors"] = 0

    async def alert(self, session, entry, url):
        try:
            async with session.post(self.args.alert_url, json={
                    "link": entry.get("link"), "title": entry.get("title"), "feed": url}) as resp:
                await resp.read()
                if resp.status >= 300:
                    self.counts["alert_errors"] += 1
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            self.counts["alert_errors"] += 1

    async def fetch(self, session, url, due):
        host = urlsplit(url).netloc
        body = None
        async with self.host_sem[host]:
            async with self.global_sem:
                loop = asyncio.get_running_loop()
                self.delays.append(loop.time() - due)
                headers = {}
                etag, last_modified = self.validators.get(url, (None, None))
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
                try:
                    async with session.get(url, headers=headers) as resp:
                        status = resp.status
                        if status == 200:
                            body = await resp.read()
                            self.validators[url] = (resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
                            content_type = resp.headers.get("Content-Type", "")
                        else:
                            await resp.read()
                except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                    self.counts["errors"] += 1
                    self.counts["fetches"] += 1
                    return
        self.counts["fetches"] += 1
        if status == 304:
            self.counts["status_304"] += 1
        elif status == 200:
            self.counts["status_200"] += 1
            self.counts["bytes"] += len(body)
            parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                              "content-type": content_type})
            known_feed = url in self.seen
            seen = self.seen.setdefault(url, set())
            for entry in parsed.entries:
                key = entry.get("id") or entry.get("link") or entry.get("title")
                if key not in seen:
                    seen.add(key)
                    self.counts["new_items"] += 1
                    if (self.args.alert_url and known_feed and self.match.search(
                            (entry.get("title") or "") + " " + (entry.get("summary") or ""))):
                        self.counts["alerts"] += 1
                        task = asyncio.create_task(self.alert(session, entry, url))
                        self.alert_tasks.add(task)
                        task.add_done_callback(self.alert_tasks.discard)
        else:
            self.counts["other_status"] += 1

    async def feed_loop(self, session, index, t0):
        loop = asyncio.get_running_loop()
        url = self.urls[index]
        due = t0 + self.args.spread * index / len(self.urls)
        cycle = 0
        while True:
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            cycle += 1
            self.max_cycle = max(self.max_cycle, cycle)
            await self.fetch(session, url, due)
            due += self.args.interval

    async def run(self):
        loop = asyncio.get_running_loop()
        end = loop.time() + self.args.run_for - (time.monotonic() - T_START)
        connector = aiohttp.TCPConnector(limit=self.args.max_concurrency, limit_per_host=self.args.per_host,
                                         keepalive_timeout=120)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                         headers={"User-Agent": "baseline-aiohttp/1"}) as session:
            t0 = loop.time()
            tasks = [asyncio.create_task(self.feed_loop(session, i, t0)) for i in range(len(self.urls))]
            await asyncio.sleep(max(0.0, end - loop.time()))
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", required=True)
    ap.add_argument("--interval", type=float, default=60.0)
    ap.add_argument("--spread", type=float, default=60.0)
    ap.add_argument("--run-for", type=float, required=True)
    ap.add_argument("--max-concurrency", type=int, default=64)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--state")
    ap.add_argument("--stats-json")
    ap.add_argument("--alert-url", help="POST each new matching item here (bench/e2e)")
    ap.add_argument("--match", default=r"sanction|dprk|north korea|pyongyang|kim jong|russia|kremlin|moscow|putin",
                    help="regex (case-insensitive) an item's title or summary must match to alert")
    args = ap.parse_args()
    with open(args.urls) as fh:
        urls = [u.strip() for u in fh if u.strip()]
    state = {}
    if args.state and os.path.exists(args.state):
        with open(args.state) as fh:
            state = json.load(fh)
    poller = Poller(args, urls, state)
    asyncio.run(poller.run())
    if args.state:
        with open(args.state, "w") as fh:
            json.dump({"validators": poller.validators,
                       "seen": {u: sorted(s) for u, s in poller.seen.items()}}, fh)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    delays = sorted(d * 1000 for d in poller.delays)
    stats = dict(poller.counts)
    stats.update({
        "delay_p50_ms": percentile(delays, 50), "delay_p99_ms": percentile(delays, 99),
        "delay_max_ms": delays[-1] if delays else None,
        "cpu_seconds": ru.ru_utime + ru.ru_stime, "max_rss_kb": ru.ru_maxrss,
        "elapsed_seconds": time.monotonic() - T_START, "cycles": poller.max_cycle,
    })
    text = json.dumps(stats, indent=1)
    if args.stats_json:
        with open(args.stats_json, "w") as fh:
            fh.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
