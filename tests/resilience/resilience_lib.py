"""Shared parts of the resilience scripts (tests/resilience/*): a scripted HTTP/1.1 server on
127.0.0.1 (asyncio, stdlib only), the webhook receiver, RSS documents with real positive
titles, the daemon as a child process (config, /proc sampling, /metrics scrapes, logs,
the state database) and the pass/fail table.

Run the scripts with /usr/bin/python3 (Debian's 3.11); nothing outside the standard library.
Network: 127.0.0.1 only, ever.
"""
import asyncio
import base64
import email.utils
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape, quoteattr

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "news-dev.jsonl"
RULES = ROOT / "config" / "rules" / "dprk-russia.yaml"

# The class of each feed failure is read from /metrics with this regex: named group `class`
# (or `result`) and `value`; override with FEEDSENTRY_CLASS_METRIC_RE when the metric's name
# or labels differ. The default accepts feedsentry_fetch_errors_total{class="..."} and
# feedsentry_fetches_total{result="<class>"} (results other than the success ones below). The
# poller's own class names (fetch::error_class_name, "http_<status>", "parse") are what the
# log lines, the feeds table and /status carry.
CLASS_METRIC_RE = os.environ.get(
    "FEEDSENTRY_CLASS_METRIC_RE",
    r'^(?:feedsentry_fetch_errors_total\{(?=[^}]*\bclass="(?P<class>[^"]*)")'
    r'|feedsentry_fetches_total\{(?=[^}]*\bresult="(?P<result>[^"]*)"))[^}]*\}\s+(?P<value>\S+)',
)
SUCCESS_RESULTS = {"ok", "ok_200", "unchanged", "unchanged_200", "not_modified",
                   "not_modified_304", "failed"}
# The daemon's lines for a failed poll (daemon/poll/poller.cpp, finish_failure), log_level
# debug: "feed URL failed (CLASS: message); retry in N s", or, in the newer wording, "feed URL
# failing (CLASS): message; retry in N s" then "feed URL failed again (CLASS: message); ...".
# Feeds with a name appear as "'NAME' (REDACTED-URL)"; group 1 is the (redacted) URL either way.
FEED_RE = r"feed (?:'.*?' \()?(\S+?)\)?"
FAILED_LINE_RE = re.compile(FEED_RE + r" (?:failed(?: again)? \((?P<a>[A-Za-z0-9_]+): "
                            r"|failing \((?P<b>[A-Za-z0-9_]+)\): )")
MALFORMED_LINE_RE = re.compile(FEED_RE + r" is not well-formed \((.*)\); using the (\d+) items")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def find_binary(argument):
    binary = Path(argument or os.environ.get("FEEDSENTRY_BIN") or ROOT / "build" / "feedsentry")
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        sys.exit(f"feedsentry binary not found or not executable: {binary} "
                 "(pass it as --binary PATH or FEEDSENTRY_BIN)")
    return binary.resolve()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rfc822(unix_seconds):
    return email.utils.formatdate(unix_seconds, usegmt=True)


# ------------------------------------------------------------------------------------------
# HTTP/1.1 server: keep-alive, Content-Length bodies, Expect: 100-continue. A handler gets
# (request, reader, writer) and either writes a whole response and returns True (keep the
# connection) or does anything it likes with the socket and returns False.

class Request:
    def __init__(self, method, target, headers, body, peer):
        self.method, self.target, self.headers, self.body, self.peer = (
            method, target, headers, body, peer)
        self.path = target.split("?", 1)[0]
        self.at = time.monotonic()


async def read_request(reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = b""
    length = int(headers.get("content-length", "0") or 0)
    if length:
        if headers.get("expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        try:
            body = await reader.readexactly(length)
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
    return Request(parts[0], parts[1], headers, body, writer.get_extra_info("peername"))


def response_bytes(status, body=b"", headers=(), reason=None):
    reasons = {200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found",
               304: "Not Modified", 404: "Not Found", 429: "Too Many Requests",
               500: "Internal Server Error", 503: "Service Unavailable"}
    head = [f"HTTP/1.1 {status} {reason or reasons.get(status, 'Status')}"]
    names = set()
    for name, value in headers:
        head.append(f"{name}: {value}")
        names.add(name.lower())
    if "content-length" not in names:
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


async def respond(writer, status, body=b"", headers=(), reason=None):
    writer.write(response_bytes(status, body, headers, reason))
    await writer.drain()
    return True


class HttpServer:
    """raw=True: `handler(reader, writer)` gets each connection as it is (no HTTP parsing)."""

    def __init__(self, handler, port=0, raw=False):
        self.handler, self.port, self.raw = handler, port, raw
        self.server = None
        self.connections = set()
        self.accepted = 0

    async def start(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port,
                                                 reuse_address=True, limit=1 << 20)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        """Stops listening (new connections are refused) and drops every open connection."""
        if self.server is not None:
            self.server.close()
            for writer in list(self.connections):
                writer.transport.abort()
            await self.server.wait_closed()
            self.server = None

    async def _serve(self, reader, writer):
        self.accepted += 1
        self.connections.add(writer)
        try:
            if self.raw:
                await self.handler(reader, writer)
                return
            while True:
                request = await read_request(reader, writer)
                if request is None:
                    break
                if not await self.handler(request, reader, writer):
                    break
        except (ConnectionError, asyncio.CancelledError, OSError):
            pass
        finally:
            self.connections.discard(writer)
            try:
                writer.close()
            except Exception:
                pass


async def http_get(port, path, timeout=5.0):
    """GET http://127.0.0.1:port/path -> (status, body bytes); (0, b"") when nothing answers."""
    status, body, _ = await http_get_detail(port, path, timeout)
    return status, body


async def http_get_detail(port, path, timeout=5.0):
    """As http_get, plus why it failed ("" when it did not)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    except (OSError, asyncio.TimeoutError) as error:
        return 0, b"", f"connect: {error!r}"
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = await asyncio.wait_for(reader.read(), timeout)
    except (OSError, asyncio.TimeoutError) as error:
        return 0, b"", f"read: {error!r}"
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0, b"", f"bad answer ({len(data)} bytes): {data[:80]!r}"
    return status, body, ""


# ------------------------------------------------------------------------------------------
# Feed content.

def load_titles(binary):
    """(matching, other): news-dev items as {title, summary}. `matching` are the labeled
    positives that this binary's default rules also match (checked with `feedsentry classify`,
    so a rule change never turns a pipeline test into a classifier test); `other` are the
    labeled negatives."""
    positives, negatives = [], []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        entry = {"id": item["id"], "title": item["title"], "summary": item.get("summary", "")}
        (positives if item["labels"] else negatives).append(entry)
    query = "".join(json.dumps({"id": e["id"], "title": e["title"], "summary": e["summary"]}) + "\n"
                    for e in positives + negatives)
    run = subprocess.run([str(binary), "classify", "--rules", str(RULES)], input=query.encode(),
                         capture_output=True, timeout=60)
    matched = set()
    for line in run.stdout.decode().splitlines():
        result = json.loads(line)
        if result.get("topics"):
            matched.add(result["id"])
    matching = [e for e in positives if e["id"] in matched]
    other = [e for e in negatives if e["id"] not in matched]
    if len(matching) < 10:
        sys.exit(f"only {len(matching)} positive titles match the rules: cannot build feeds")
    return matching, other


def rss_item(guid, title, link, published, description=""):
    parts = [f"<item><guid isPermaLink=\"false\">{xml_escape(guid)}</guid>",
             f"<title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>"]
    if published is not None:
        parts.append(f"<pubDate>{rfc822(published)}</pubDate>")
    if description:
        parts.append(f"<description>{xml_escape(description)}</description>")
    parts.append("</item>")
    return "".join(parts)


def rss_document(title, items_xml, extra_channel=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{xml_escape(title)}</title><link>https://news.example.com/</link>"
            f"<description>resilience test feed</description>{extra_channel}"
            + "".join(items_xml) + "</channel></rss>\n").encode("utf-8")


class Feed:
    """One healthy feed: old non-matching items, then matching items published during the run.
    Serves 304 to a matching If-None-Match."""

    def __init__(self, name, path, base_items):
        self.name, self.path = name, path
        self.items = list(base_items)  # rss_item strings, newest first
        self.published = []            # (link, unix time, title)
        self.fetches = []              # monotonic times of requests
        self._render()

    def _render(self):
        self.body = rss_document(self.name, self.items)
        self.etag = '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'

    def publish(self, guid, title, link, summary=""):
        now = time.time()
        self.items.insert(0, rss_item(guid, title, link, int(now), summary))
        self.published.append((link, now, title))
        self._render()

    async def handle(self, request, writer):
        self.fetches.append(time.monotonic())
        if request.headers.get("if-none-match") == self.etag:
            return await respond(writer, 304, b"", [("ETag", self.etag)])
        return await respond(writer, 200, self.body, [
            ("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", self.etag)])


class FeedSite:
    """One host:port serving several feeds (a "site" for the per-host politeness limits)."""

    def __init__(self):
        self.feeds = {}
        self.server = HttpServer(self._handle)

    def add(self, feed):
        self.feeds[feed.path] = feed

    def url(self, feed):
        return f"http://127.0.0.1:{self.server.port}{feed.path}"

    async def _handle(self, request, reader, writer):
        feed = self.feeds.get(request.path)
        if feed is None:
            return await respond(writer, 404, b"not found")
        return await feed.handle(request, writer)


def old_items(other, prefix, count, now):
    """`count` non-matching items dated two days ago (older than any backfill window)."""
    return [rss_item(f"{prefix}-old-{i}", other[i % len(other)]["title"],
                     f"https://news.example.com/{prefix}/old/{i}", int(now) - 2 * 86400 - i * 60,
                     other[i % len(other)]["summary"]) for i in range(count)]


# ------------------------------------------------------------------------------------------
# Webhook receiver.

class Delivery:
    def __init__(self, request, status, at_wall):
        self.at = request.at
        self.at_wall = at_wall
        self.status = status
        self.peer = request.peer  # (host, port): tells a resend on a fresh connection apart
        self.size = len(request.body)
        self.headers = request.headers
        self.idempotency_key = request.headers.get("idempotency-key", "")
        self.webhook_id = request.headers.get("webhook-id", "")
        try:
            text = request.body.decode("utf-8")  # strict: invalid UTF-8 is a finding
            self.valid_utf8 = True
        except UnicodeDecodeError:
            text = request.body.decode("utf-8", "replace")
            self.valid_utf8 = False
        try:
            self.doc = json.loads(text)
        except ValueError:
            self.doc = {}
        self.body = request.body
        self.link = self.doc.get("link") or ""
        self.headline = self.doc.get("headline") or ""
        self.alert_id = self.doc.get("id")
        self.event = self.doc.get("event")


class Receiver:
    """POST /hook. `policy(request)` -> (status, headers) decides each answer (default 200).
    Every request is recorded, with the answer given."""

    def __init__(self, port=0, policy=None, delay=None):
        self.policy = policy or (lambda request: (200, []))
        self.delay = delay  # callable -> seconds to hold each request before answering
        self.requests = []  # every Delivery, whatever the answer
        self.server = HttpServer(self._handle, port)
        self.port = port
        self.up = False

    async def start(self):
        await self.server.start()
        self.port = self.server.port
        self.up = True
        return self

    async def go_down(self):
        self.up = False
        await self.server.stop()

    async def come_up(self):
        self.server = HttpServer(self._handle, self.port)
        await self.server.start()
        self.up = True

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hook"

    async def _handle(self, request, reader, writer):
        if request.method != "POST" or request.path != "/hook":
            return await respond(writer, 404, b"")
        status, headers = self.policy(request)
        if self.delay is not None:
            await asyncio.sleep(self.delay())
        self.requests.append(Delivery(request, status, time.time()))
        return await respond(writer, status, b"{}" if status == 200 else b"",
                             [("Content-Type", "application/json")] + list(headers))

    def delivered(self):
        return [d for d in self.requests if 200 <= d.status < 300]


def verify_standard_webhook(delivery, secret):
    """True when webhook-signature is a valid v1 HMAC-SHA256 of id.timestamp.body."""
    key = base64.b64decode(secret.split("_", 1)[1])
    message = (delivery.headers.get("webhook-id", "") + "." +
               delivery.headers.get("webhook-timestamp", "") + ".").encode() + delivery.body
    expected = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    signatures = delivery.headers.get("webhook-signature", "").split(" ")
    return any(hmac.compare_digest(s, "v1," + expected) for s in signatures)


# ------------------------------------------------------------------------------------------
# The daemon.

def yaml_str(value):
    return json.dumps(str(value))  # a JSON string is a YAML double-quoted scalar


def write_opml(path, feeds):
    """feeds: [(url, name)] as an OPML subscription list (what feed readers export)."""
    outlines = "".join(
        f'    <outline type="rss" text={quoteattr(name)} xmlUrl={quoteattr(url)}/>\n'
        for url, name in feeds)
    Path(path).write_text('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
                          f"  <body>\n{outlines}  </body>\n</opml>\n", encoding="utf-8")


def daemon_config(state_dir, feeds, outputs, metrics_port=None, poll=None, http=None,
                  log_level="debug", opml=None):
    """feeds: [(url, name)]; outputs: YAML text of the outputs list items. opml: a path to
    list the feeds in (an OPML file, as large lists usually are) instead of inline."""
    lines = [f"state_dir: {yaml_str(state_dir)}", f"log_level: {log_level}",
             f"rules: [{yaml_str(RULES)}]"]
    if http:
        lines.append("http: {" + ", ".join(f"{k}: {v}" for k, v in http.items()) + "}")
    if poll:
        lines.append("poll: {" + ", ".join(f"{k}: {v}" for k, v in poll.items()) + "}")
    if opml is not None:
        write_opml(opml, feeds)
        lines.append(f"opml: [{yaml_str(opml)}]")
    else:
        lines.append("feeds:")
        for url, name in feeds:
            lines.append(f"  - url: {yaml_str(url)}\n    name: {yaml_str(name)}")
    lines.append("outputs:")
    lines.append(outputs.rstrip("\n"))
    if metrics_port is not None:
        lines.append(f"metrics: {{enabled: true, listen: \"127.0.0.1:{metrics_port}\"}}")
    return "\n".join(lines) + "\n"


def webhook_output(url, name="hook", rate_limit=None, secret=None):
    text = f"  - name: {name}\n    type: webhook\n    settings:\n      url: {yaml_str(url)}\n"
    text += "      followups: thread\n"  # every matching item is one delivery, copies too
    if rate_limit:
        text += f"      rate_limit: {yaml_str(rate_limit)}\n"
    if secret:
        text += f"      secret: {yaml_str(secret)}\n"
    return text


def read_proc_status(pid):
    """{'VmRSS': kB, 'VmHWM': kB} or {} when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            out[name] = int(value.split()[0])
    return out


def cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


class Daemon:
    """`feedsentry run` as a child process with its stderr appended to `log_path`."""

    def __init__(self, binary, config_path, log_path, stats_path=None):
        self.binary, self.config_path, self.log_path = binary, config_path, log_path
        self.stats_path = stats_path
        self.process = None
        self.peak_rss_kb = 0
        self.peak_hwm_kb = 0
        self.samples = []  # (monotonic, rss kB)
        self.starts = 0
        self._sampler = None
        self.last_cpu = None

    def start(self):
        arguments = [str(self.binary), "run", "--config", str(self.config_path)]
        if self.stats_path:
            arguments += ["--stats-json", str(self.stats_path)]
        with open(self.log_path, "ab") as logfile:
            logfile.write(f"==== start {self.starts + 1} at {time.time():.3f}\n".encode())
            logfile.flush()
            self.process = subprocess.Popen(arguments, stdout=logfile, stderr=logfile,
                                            stdin=subprocess.DEVNULL)
        self.starts += 1
        if self._sampler is None or self._sampler.done():
            self._sampler = asyncio.get_running_loop().create_task(self._sample())
        return self.process.pid

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    async def _sample(self):
        while True:
            process = self.process
            if process is not None and process.poll() is None:
                status = read_proc_status(process.pid)
                if status:
                    self.peak_rss_kb = max(self.peak_rss_kb, status.get("VmRSS", 0))
                    self.peak_hwm_kb = max(self.peak_hwm_kb, status.get("VmHWM", 0))
                    self.samples.append((time.monotonic(), status.get("VmRSS", 0)))
                cpu = cpu_seconds(process.pid)
                if cpu is not None:
                    self.last_cpu = cpu
            await asyncio.sleep(0.2)

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        return self.process.wait()

    async def stop(self, timeout=20.0):
        """SIGTERM, wait; returns the exit code (None when it had to be killed)."""
        if self.process is None:
            return None
        if self.process.poll() is not None:
            return self.process.returncode
        status = read_proc_status(self.process.pid)
        self.peak_hwm_kb = max(self.peak_hwm_kb, status.get("VmHWM", 0))
        self.last_cpu = cpu_seconds(self.process.pid) or self.last_cpu
        self.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
            return None
        return self.process.returncode

    async def close(self):
        if self.alive():
            self.process.kill()
            self.process.wait()
        if self._sampler is not None:
            self._sampler.cancel()

    def log_text(self):
        try:
            return Path(self.log_path).read_bytes().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, lines=15):
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stats(self):
        try:
            return json.loads(Path(self.stats_path).read_text())
        except (OSError, ValueError, TypeError):
            return None


def parse_metrics(text):
    """[(name, {labels}, value)] from the Prometheus text format."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)", line)
        if not match:
            continue
        labels = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', match.group(3) or ""))
        try:
            out.append((match.group(1), labels, float(match.group(4))))
        except ValueError:
            pass
    return out


def metric_value(samples, name, **labels):
    total = None
    for sample_name, sample_labels, value in samples:
        if sample_name == name and all(sample_labels.get(k) == v for k, v in labels.items()):
            total = (total or 0) + value
    return total


def class_counts_from_metrics(text):
    """{class: count} read with CLASS_METRIC_RE; None when no line matches (not exposed)."""
    counts = {}
    for match in re.finditer(CLASS_METRIC_RE, text, re.MULTILINE):
        groups = match.groupdict()
        name = groups.get("class") or groups.get("result")
        if name is None or name in SUCCESS_RESULTS:
            continue
        try:
            counts[name] = counts.get(name, 0) + float(match.group("value"))
        except ValueError:
            pass
    return counts or None


def failure_lines(text):
    """[(url, class)] of every failed poll the log records."""
    return [(m.group(1), m.group("a") or m.group("b")) for m in FAILED_LINE_RE.finditer(text)]


class MetricsWatcher:
    """Scrapes /metrics every `every` s; keeps the last text and the slowest answer."""

    def __init__(self, port, every=2.0):
        self.port, self.every = port, every
        self.last_text = ""
        self.scrapes = 0
        self.failures = 0
        self.failure_log = []  # (seconds since start(), took, why)
        self.slowest = 0.0
        self._task = None
        self._started = time.monotonic()

    def start(self):
        self._started = time.monotonic()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def scrape(self):
        began = time.monotonic()
        status, body, why = await http_get_detail(self.port, "/metrics", timeout=10)
        took = time.monotonic() - began
        if status == 200:
            self.scrapes += 1
            self.slowest = max(self.slowest, took)
            self.last_text = body.decode("utf-8", "replace")
        else:
            self.failures += 1
            self.failure_log.append((began - self._started, took, why or f"HTTP {status}"))
        return status == 200

    def describe_failures(self):
        return "; ".join(f"at {at:.1f}s after {took:.2f}s: {why}"
                         for at, took, why in self.failure_log[:5])

    async def _run(self):
        # Until the endpoint first answers (the daemon is still starting: an ASan build takes
        # seconds), refusals are not failures; after 30 s they are.
        began = time.monotonic()
        while time.monotonic() - began < 30:
            status, _ = await http_get(self.port, "/metrics", timeout=10)
            if status == 200:
                break
            await asyncio.sleep(0.2)
        while True:
            await self.scrape()
            await asyncio.sleep(self.every)

    def stop(self):
        if self._task:
            self._task.cancel()


def feed_states(state_dir):
    """{feed_id: row dict} from the feeds table (read after the daemon stopped)."""
    db = Path(state_dir) / "feedsentry.db"
    if not db.exists():
        return {}
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    # TEXT columns may hold bytes that are not UTF-8 (an ETag as a server sent it).
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    connection.row_factory = sqlite3.Row
    try:
        return {row["feed_id"]: dict(row) for row in connection.execute("SELECT * FROM feeds")}
    finally:
        connection.close()


def seen_count(state_dir, feed_id):
    db = Path(state_dir) / "feedsentry.db"
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute("SELECT count(*) FROM seen_items WHERE feed_id = ?",
                                  (feed_id,)).fetchone()[0]
    finally:
        connection.close()


def outbox_counts(binary, config_path):
    """{output: (pending, delivered, dead)} from `feedsentry outbox list`."""
    run = subprocess.run([str(binary), "outbox", "list", "--config", str(config_path),
                          "--state", "pending"], capture_output=True, timeout=30)
    counts = {}
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        match = re.match(r"^(\S+): (\d+) pending, (\d+) delivered, (\d+) dead", line)
        if match:
            counts[match.group(1)] = tuple(int(match.group(i)) for i in (2, 3, 4))
    return counts if run.returncode == 0 else None


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))]


def print_table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    sys.stdout.flush()


def remove_tree(path):
    shutil.rmtree(path, ignore_errors=True)


def make_workdir(prefix):
    return Path(tempfile.mkdtemp(prefix=f"feedsentry-{prefix}-"))


def linger_reset(writer):
    """Closes the connection with a TCP RST (SO_LINGER 0)."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
