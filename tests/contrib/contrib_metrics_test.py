#!/usr/bin/python3
"""Every metric the shipped Prometheus rules and Grafana dashboard query exists in the real
daemon's /metrics, with the labels and label values they select on.

Starts `feedsentry run` with a feed on 127.0.0.1 that carries one matching story and a `file`
output, waits until the alert is delivered (so the series created on the first alert and the
first delivery exist too), scrapes /metrics and checks every selector of
contrib/prometheus/feedsentry-alerts.yml and contrib/grafana/feedsentry-dashboard.json:
  - the metric name exists (a histogram's _bucket/_sum/_count by its base name);
  - each label matcher names a label the metric has (instance and job come from the scrape),
    and each literal value (`=`, or each word of an `=~"a|b"` alternation) occurs;
  - each `by (...)`/`without (...)` label exists on a metric of that expression.
Names Prometheus itself makes (`up`) are skipped. The dashboard must also take its data
source from its `datasource` variable, so it imports into any Grafana. Usage: contrib_metrics_test.py --binary PATH
"""
import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resilience"))
import resilience_lib as R  # noqa: E402  (the shared feed server and daemon runner)

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "contrib" / "prometheus" / "feedsentry-alerts.yml"
DASHBOARD = ROOT / "contrib" / "grafana" / "feedsentry-dashboard.json"

# Labels Prometheus adds at scrape time; le is a histogram bucket's own label.
SCRAPE_LABELS = {"instance", "job"}
# Series Prometheus synthesizes for every target rather than reading them from /metrics.
SYNTHESIZED = {"up"}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan"}
GROUPING_RE = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
NAME_RE = re.compile(r"(?<![\w:.$])([a-zA-Z_:][\w:]*)\s*(\{[^}]*\})?")
MATCHER_RE = re.compile(r'([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"')
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def queries():
    """[(where, PromQL)] from the alert rules and every dashboard target and variable."""
    found = []
    for group in yaml.safe_load(RULES.read_text())["groups"]:
        for rule in group["rules"]:
            found.append((f"rule {rule.get('alert') or rule.get('record')}", rule["expr"]))
    dashboard = json.loads(DASHBOARD.read_text())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            found.append((f"panel '{panel['title']}' {target['refId']}", target["expr"]))
    for variable in dashboard["templating"]["list"]:
        if variable["type"] != "query":
            continue
        query = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
        # Grafana's label_values(metric, label) is the selector `metric` grouped by `label`.
        match = re.fullmatch(r"\s*label_values\(\s*(.+?)\s*,\s*(\w+)\s*\)\s*", query)
        if not match:
            sys.exit(f"variable {variable['name']}: cannot read query {query!r}")
        found.append((f"variable ${variable['name']}", f"count by ({match.group(2)}) ({match.group(1)})"))
    return found


def dashboard_problems():
    """What would keep the dashboard from importing cleanly into any Grafana with any
    Prometheus data source: a hard-wired data source, clashing panel ids, panels off the grid."""
    dashboard = json.loads(DASHBOARD.read_text())
    problems = []
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    source = variables.get("datasource", {})
    if source.get("type") != "datasource" or source.get("query") != "prometheus":
        problems.append("dashboard: no `datasource` variable of Prometheus data sources")
    ids = [panel["id"] for panel in dashboard["panels"]]
    if len(ids) != len(set(ids)):
        problems.append(f"dashboard: panel ids repeat: {ids}")
    wanted = {"type": "prometheus", "uid": "${datasource}"}
    for panel in dashboard["panels"]:
        grid = panel["gridPos"]
        if grid["x"] < 0 or grid["x"] + grid["w"] > 24:
            problems.append(f"panel '{panel['title']}': off the 24-column grid ({grid})")
        if panel["type"] == "row":
            continue
        if panel.get("datasource") != wanted or any(
                target.get("datasource") != wanted for target in panel.get("targets", [])):
            problems.append(f"panel '{panel['title']}': data source is not ${{datasource}}")
        if not panel.get("targets"):
            problems.append(f"panel '{panel['title']}': no query")
    return problems


def selectors(expr):
    """(metric names with their matchers [(label, op, value)], grouping labels) of one query.
    A small reader of the PromQL we write, not a parser: anything it cannot place fails the
    test rather than passing unchecked."""
    grouping = set()
    for match in GROUPING_RE.finditer(expr):
        grouping.update(label.strip() for label in match.group(2).split(",") if label.strip())
    text = GROUPING_RE.sub(" ", expr)
    text = re.sub(r"\[[^\]]*\]", " ", text)  # range and subquery windows: [30m], [$__rate_interval]
    found = []
    for match in NAME_RE.finditer(text):
        name, braces = match.group(1), match.group(2)
        rest = text[match.end():]
        if not braces and rest.lstrip().startswith("("):
            continue  # a function or an aggregation
        if name in KEYWORDS:
            continue
        matchers = MATCHER_RE.findall(braces or "")
        found.append((name, matchers))
    return found, grouping


def read_exposition(text):
    """({name: [labels]}, {name: type}) from the Prometheus text format."""
    series, types = {}, {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(None, 3)
            types[name] = kind
    for name, labels, _ in R.parse_metrics(text):
        series.setdefault(name, []).append(labels)
    return series, types


def check(where, expr, series, types, problems):
    found, grouping = selectors(expr)
    if not found:
        problems.append(f"{where}: no metric found in {expr!r}")
    label_sets = []
    for name, matchers in found:
        if name in SYNTHESIZED:
            continue
        if not (name.startswith("feedsentry_") or name.startswith("process_")):
            problems.append(f"{where}: '{name}' is not a feedsentry metric (a typo, or this "
                            f"test misread {expr!r})")
            continue
        base = name
        for suffix in HISTOGRAM_SUFFIXES:
            if name.endswith(suffix) and types.get(name[: -len(suffix)]) == "histogram":
                base = name[: -len(suffix)]
        if name not in series:
            problems.append(f"{where}: {name} is not in /metrics")
            continue
        samples = series[name]
        labels_here = set().union(*(set(s) for s in samples)) | SCRAPE_LABELS
        label_sets.append(labels_here)
        for label, operator, value in matchers:
            if label in SCRAPE_LABELS:
                continue
            if label not in labels_here:
                problems.append(f"{where}: {name} has no label '{label}'")
                continue
            values = {s.get(label) for s in samples}
            wanted = []
            if operator == "=":
                wanted = [value]
            elif operator == "=~" and re.fullmatch(r"\w+(\|\w+)*", value):
                wanted = value.split("|")
            for literal in wanted:
                if literal not in values:
                    problems.append(f"{where}: no {name}{{{label}=\"{literal}\"}} in /metrics "
                                    f"(values: {sorted(v for v in values if v)})")
        print(f"ok  {where}: {name}" + (f" (histogram {base})" if base != name else ""))
    for label in grouping - SCRAPE_LABELS:
        if label_sets and not any(label in labels for labels in label_sets):
            problems.append(f"{where}: groups by '{label}', which none of its metrics has")


async def scrape_after_delivery(binary, workdir):
    matching, _ = R.load_titles(binary)
    story = matching[0]
    feed = R.Feed("contrib feed", "/feed.xml", [])
    feed.publish("contrib-1", story["title"], "https://news.example.com/contrib-1", story["summary"])
    site = R.FeedSite()
    site.add(feed)
    await site.server.start()
    metrics_port = R.free_port()
    alerts = workdir / "alerts.jsonl"
    output = (f"  - name: alert-log\n    type: file\n    settings:\n"
              f"      path: {R.yaml_str(alerts)}\n")
    config = workdir / "feedsentry.yaml"
    config.write_text(R.daemon_config(workdir / "state", [(site.url(feed), "contrib feed")], output,
                                      metrics_port,
                                      poll={"interval": "2s", "startup_spread": "1s"}))
    daemon = R.Daemon(binary, config, workdir / "daemon.log")
    daemon.start()
    try:
        deadline = time.monotonic() + 60
        text = ""
        while time.monotonic() < deadline:
            if not daemon.alive():
                sys.exit(f"FAIL: feedsentry exited early:\n{daemon.log_tail()}")
            status, body = await R.http_get(metrics_port, "/metrics")
            text = body.decode("utf-8", "replace") if status == 200 else ""
            samples = R.parse_metrics(text)
            delivered = R.metric_value(samples, "feedsentry_deliveries_total", result="delivered")
            if delivered and R.metric_value(samples, "feedsentry_alerts_total"):
                break
            await asyncio.sleep(0.5)
        else:
            sys.exit(f"FAIL: no delivered alert within 60 s\n{text}\n{daemon.log_tail()}")
        exit_code = await daemon.stop()
        if exit_code != 0:
            sys.exit(f"FAIL: feedsentry exited {exit_code} on SIGTERM\n{daemon.log_tail()}")
        return text
    finally:
        await daemon.close()
        await site.server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the built feedsentry (default: build/feedsentry)")
    arguments = parser.parse_args()
    binary = R.find_binary(arguments.binary)
    with tempfile.TemporaryDirectory(prefix="feedsentry-contrib-") as directory:
        text = asyncio.run(scrape_after_delivery(binary, Path(directory)))
    series, types = read_exposition(text)
    problems = dashboard_problems()
    for where, expr in queries():
        check(where, expr, series, types, problems)
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        return 1
    print("PASS: every metric of the alert rules and the dashboard is in /metrics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
