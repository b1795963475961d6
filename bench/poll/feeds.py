#!/usr/bin/env python3
"""Feed corpus, mutation, URL list and daemon config for bench/poll/run.

  feeds.py generate --count N --out DIR [--seed S]
      N deterministic RSS 2.0 / Atom feeds, 2-30 KB each (log-uniform target
      size, so most are small: median ~8 KB, mean ~10 KB), written as
      DIR/feed-NNNNN.xml. Items come from ../../../shared/bench/make_corpus.py
      (English/Russian/Korean news with relevant stories and decoys), without
      make_corpus's <ttl>15</ttl>, which would stretch feedsentry's interval.
  feeds.py mutate --dir DIR [--fraction 0.1] [--seed S] [--first SEC --every SEC]
      Rewrites a random FRACTION of the feeds: a new item goes on top and the
      oldest item drops off, written atomically (tmp + rename), so nginx serves
      a new ETag and Last-Modified; the other feeds keep their bytes, mtime and
      ETag and answer conditional requests with 304. With --every, sleeps
      --first seconds, mutates, then mutates again every --every seconds until
      killed (the harness kills it by pid).
  feeds.py urls --count N --ports P1,P2,... > urls.txt
      Feed i is served on port P[i % len(P)] (one host:port per "site").
  feeds.py config --urls urls.txt --state-dir D --rules R --interval 60s
                  --spread 60s [--max-concurrency 64 --per-host 2] > config.yaml
      The feedsentry daemon config for those feeds.
"""

import argparse
import importlib.util
import math
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench", "make_corpus.py"))
MIN_BYTES, MAX_BYTES = 2 * 1024, 30 * 1024


def load_make_corpus(path):
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def item_spans(doc):
    """(start, end) of each <item>...</item> or <entry>...</entry> block, end after its newline."""
    tag = "item" if "<rss" in doc[:400] else "entry"
    spans = []
    pos = 0
    while True:
        start = doc.find(f"<{tag}>", pos)
        if start < 0:
            return tag, spans
        end = doc.index(f"</{tag}>", start) + len(tag) + 3
        if doc.startswith("\n", end):
            end += 1
        spans.append((start, end))
        pos = end


def truncate(doc, target):
    """Keep the longest prefix of items whose document fits in target bytes (at least one item)."""
    _, spans = item_spans(doc)
    tail = doc[spans[-1][1]:]
    keep = 1
    for k in range(1, len(spans) + 1):
        size = len(doc[:spans[k - 1][1]].encode("utf-8")) + len(tail)
        if size <= target or (size <= MAX_BYTES and keep == k - 1 and
                              len(doc[:spans[keep - 1][1]].encode("utf-8")) + len(tail) < MIN_BYTES):
            keep = k
        else:
            break
    return doc[:spans[keep - 1][1]] + tail


def cmd_generate(args):
    mc = load_make_corpus(args.make_corpus)
    import datetime as dt
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    sizes = []
    for f in range(1, args.count + 1):
        target = int(math.exp(rng.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES))))
        lang = rng.choices(["en", "ru", "ko"], [70, 15, 15])[0]
        fmt = rng.choices(["rss", "atom"], [70, 30])[0]
        host = f"news{f}.example.com"
        t = mc.NOW - dt.timedelta(minutes=rng.randint(0, 120))
        # Items render to ~0.7-4 KB; make enough to overshoot, then cut at an item boundary.
        n = max(2, target // 700 + 2)
        items = []
        for i in range(n):
            items.append(mc.make_item(rng, lang, f * 1000 + i, host, t))
            t -= dt.timedelta(minutes=rng.randint(1, 180), seconds=rng.randint(0, 59))
        doc = (mc.rss_feed if fmt == "rss" else mc.atom_feed)(rng, f, lang, items, host)
        # No <ttl>: feedsentry honours it (15 min here), and every feed must be due every cycle.
        doc = doc.replace("<ttl>15</ttl>\n", "")
        data = truncate(doc, target).encode("utf-8")
        with open(os.path.join(args.out, f"feed-{f:05d}.xml"), "wb") as fh:
            fh.write(data)
        total += len(data)
        sizes.append(len(data))
    sizes.sort()
    print(f"wrote {args.count} feeds, {total / 1e6:.1f} MB (min {sizes[0]} B, median "
          f"{sizes[len(sizes) // 2]} B, max {sizes[-1]} B) to {args.out}")


GUID_RE = {
    "item": re.compile(r"(<guid[^>]*>)([^<]*)(</guid>)"),
    "entry": re.compile(r"(<id>)([^<]*)(</id>)"),
}
TITLE_RE = re.compile(r"(<title[^>]*>)([^<]*)(</title>)")


def mutate_one(path, tag_suffix):
    with open(path, encoding="utf-8") as fh:
        doc = fh.read()
    tag, spans = item_spans(doc)
    if not spans:
        return
    first = doc[spans[0][0]:spans[0][1]]
    new = GUID_RE[tag].sub(lambda m: m.group(1) + m.group(2) + "-" + tag_suffix + m.group(3), first, count=1)
    new = TITLE_RE.sub(lambda m: m.group(1) + "Update " + tag_suffix + ": " + m.group(2) + m.group(3), new, count=1)
    if len(spans) > 1:  # the oldest item falls off, as in a real rolling feed
        doc = doc[:spans[-1][0]] + doc[spans[-1][1]:]
    doc = doc[:spans[0][0]] + new + doc[spans[0][0]:]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(doc)
    os.replace(tmp, path)


def mutate_round(directory, fraction, rng, round_no):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".xml"))
    chosen = rng.sample(names, max(1, round(len(names) * fraction)))
    stamp = f"r{round_no}-{int(time.time())}"
    for n in chosen:
        mutate_one(os.path.join(directory, n), stamp)
    return len(chosen)


def cmd_mutate(args):
    rng = random.Random(args.seed)
    if args.every is None:
        n = mutate_round(args.dir, args.fraction, rng, 0)
        print(f"mutated {n} feeds", file=sys.stderr)
        return
    deadline = time.monotonic() + args.first
    round_no = 0
    while True:
        time.sleep(max(0.0, deadline - time.monotonic()))
        t = time.monotonic()
        n = mutate_round(args.dir, args.fraction, rng, round_no)
        print(f"mutate: round {round_no}: {n} feeds in {time.monotonic() - t:.2f} s", file=sys.stderr, flush=True)
        round_no += 1
        deadline += args.every


def cmd_urls(args):
    ports = [int(p) for p in args.ports.split(",")]
    for i in range(1, args.count + 1):
        print(f"http://127.0.0.1:{ports[i % len(ports)]}/feeds/feed-{i:05d}.xml")


def cmd_config(args):
    with open(args.urls) as fh:
        urls = [u.strip() for u in fh if u.strip()]
    out = [
        f"state_dir: {args.state_dir}",
        "log_level: warn",
        f"rules: [{args.rules}]",
        f"http: {{max_concurrency: {args.max_concurrency}, per_host_concurrency: {args.per_host}, "
        "per_host_min_gap: 0s}",
        f"poll: {{interval: {args.interval}, jitter: 0.0, startup_spread: {args.spread}, backfill: 0s}}",
        "feeds:",
    ]
    out += [f"  - url: {u}" for u in urls]
    sys.stdout.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--count", type=int, required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=20261201)
    g.add_argument("--make-corpus", default=MAKE_CORPUS)
    m = sub.add_parser("mutate")
    m.add_argument("--dir", required=True)
    m.add_argument("--fraction", type=float, default=0.1)
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--first", type=float, default=0.0)
    m.add_argument("--every", type=float)
    u = sub.add_parser("urls")
    u.add_argument("--count", type=int, required=True)
    u.add_argument("--ports", required=True)
    c = sub.add_parser("config")
    c.add_argument("--urls", required=True)
    c.add_argument("--state-dir", required=True)
    c.add_argument("--rules", required=True)
    c.add_argument("--interval", required=True)
    c.add_argument("--spread", required=True)
    c.add_argument("--max-concurrency", type=int, default=64)
    c.add_argument("--per-host", type=int, default=2)
    args = ap.parse_args()
    {"generate": cmd_generate, "mutate": cmd_mutate, "urls": cmd_urls, "config": cmd_config}[args.cmd](args)


if __name__ == "__main__":
    main()
