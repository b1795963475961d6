#!/usr/bin/env python3
"""Baseline for bench/dispatch: a straightforward Python outbox worker. The same job as the
daemon's burst mode: N alert rows in SQLite (WAL, synchronous=FULL), POSTed one at a time
over a keep-alive connection, each marked delivered in its own commit right after the 2xx.
Prints one JSON object like bench_dispatch."""
import http.client, json, os, sqlite3, sys, tempfile, time
from urllib.parse import urlsplit

url, alerts = sys.argv[1], int(sys.argv[2])
parts = urlsplit(url)
tmp = tempfile.mkdtemp(prefix="feedsentry-bench-baseline-")
db = sqlite3.connect(os.path.join(tmp, "state.db"), isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, payload TEXT, state TEXT)")
for n in range(alerts):
    body = json.dumps({"schema": "feedsentry.alert/v1", "headline":
                       f"US Treasury sanctions North Korean shipping network #{n}",
                       "link": f"https://news.example.com/story/{n}", "topics": [
                           {"id": "sanctions", "score": 0.95}], "countries": ["KP", "RU"]})
    db.execute("BEGIN")
    db.execute("INSERT INTO outbox (payload, state) VALUES (?, 'pending')", (body,))
    db.execute("COMMIT")
conn = http.client.HTTPConnection(parts.hostname, parts.port)
start = time.monotonic()
delivered = 0
for row_id, payload in db.execute(
        "SELECT id, payload FROM outbox WHERE state='pending' ORDER BY id").fetchall():
    conn.request("POST", parts.path, body=payload, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    if 200 <= response.status < 300:
        db.execute("UPDATE outbox SET state='delivered' WHERE id=?", (row_id,))
        delivered += 1
seconds = time.monotonic() - start
print(json.dumps({"mode": "burst", "alerts": alerts, "delivered": delivered,
                  "seconds": seconds, "alerts_per_second": delivered / seconds}))
