#!/usr/bin/python3
"""The shipped logrotate snippet (contrib/logrotate/feedsentry) rotates a running daemon's
`file` output without losing or misplacing an alert.

Runs `feedsentry run` with a file output and a feed on 127.0.0.1, waits for a first alert,
then runs the real `logrotate -f` on the snippet. Only two things are changed, both outside
what is being tested: the log directory (/var/log/feedsentry -> a temporary one) and the
postrotate command (`systemctl reload feedsentry.service` -> the SIGHUP that ExecReload sends,
straight to this daemon). Checks: the first alert is in the rotated file; logrotate created
no file itself (nocreate); the next alert goes to a new file that the daemon opened, not into
the rotated one; a second rotation compresses the first (delaycompress) and the daemon is
still writing afterwards. Usage: logrotate_test.py --binary PATH
"""
import argparse
import asyncio
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resilience"))
import resilience_lib as R  # noqa: E402  (the shared feed server and daemon runner)

SNIPPET = Path(__file__).resolve().parents[2] / "contrib" / "logrotate" / "feedsentry"
LOGROTATE = shutil.which("logrotate") or "/usr/sbin/logrotate"


def test_config(log_dir, pid):
    """The snippet with its directory and its reload command pointed at this test's daemon."""
    text = SNIPPET.read_text()
    if "/var/log/feedsentry/" not in text:
        sys.exit("FAIL: the snippet no longer names /var/log/feedsentry/")
    text = text.replace("/var/log/feedsentry/", f"{log_dir}/")
    text, replaced = re.subn(r"(?ms)^(\s*postrotate\n).*?^(\s*endscript)$",
                             lambda m: f"{m.group(1)}        kill -HUP {pid}\n{m.group(2)}", text)
    if replaced != 1:
        sys.exit("FAIL: the snippet has no postrotate ... endscript block")
    return text


def rotate(workdir, log_dir, pid):
    config = workdir / "logrotate.conf"
    config.write_text(test_config(log_dir, pid))
    os.chmod(config, 0o644)  # logrotate ignores config files others may write
    run = subprocess.run([LOGROTATE, "--force", "--state", str(workdir / "logrotate.state"),
                          str(config)], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        sys.exit(f"FAIL: logrotate exited {run.returncode}:\n{run.stdout}{run.stderr}")


async def wait_for(predicate, what, daemon, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if not daemon.alive():
            sys.exit(f"FAIL: feedsentry exited while waiting for {what}:\n{daemon.log_tail()}")
        await asyncio.sleep(0.2)
    sys.exit(f"FAIL: no {what} within {timeout:.0f} s\n{daemon.log_tail()}")


def read(path):
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


async def scenario(binary, workdir):
    matching, _ = R.load_titles(binary)
    feed = R.Feed("rotation feed", "/feed.xml", [])
    site = R.FeedSite()
    site.add(feed)
    await site.server.start()
    log_dir = workdir / "log"
    log_dir.mkdir(mode=0o755)
    alerts = log_dir / "alerts.jsonl"
    output = f"  - name: alert-log\n    type: file\n    settings:\n      path: {R.yaml_str(alerts)}\n"
    config = workdir / "feedsentry.yaml"
    config.write_text(R.daemon_config(workdir / "state", [(site.url(feed), "rotation feed")],
                                      output, poll={"interval": "1s", "startup_spread": "1s"}))
    daemon = R.Daemon(binary, config, workdir / "daemon.log")
    # Distinct stories, so each is an alert of its own rather than a follow-up.
    links = [f"https://news.example.com/rotation-{n}" for n in range(3)]
    titles = [matching[0], matching[len(matching) // 2], matching[-1]]
    try:
        feed.publish("rotation-0", titles[0]["title"], links[0], titles[0]["summary"])
        daemon.start()
        await wait_for(lambda: links[0] in read(alerts), "first alert", daemon)

        rotate(workdir, log_dir, daemon.pid)
        rotated = log_dir / "alerts.jsonl.1"
        if links[0] not in read(rotated):
            sys.exit(f"FAIL: the first alert is not in {rotated.name}: {os.listdir(log_dir)}")
        if alerts.exists():
            sys.exit("FAIL: logrotate created a new alerts.jsonl (the snippet must say nocreate;"
                     " the daemon creates it)")
        R.log("rotated: first alert in alerts.jsonl.1, no alerts.jsonl yet")

        feed.publish("rotation-1", titles[1]["title"], links[1], titles[1]["summary"])
        await wait_for(lambda: links[1] in read(alerts), "alert in the reopened file", daemon)
        if links[1] in read(rotated):
            sys.exit("FAIL: the daemon kept writing into the rotated file after SIGHUP")
        R.log("after SIGHUP: second alert in a new alerts.jsonl, none in alerts.jsonl.1")

        rotate(workdir, log_dir, daemon.pid)
        compressed = log_dir / "alerts.jsonl.2.gz"
        if not compressed.exists() or links[0] not in gzip.decompress(
                compressed.read_bytes()).decode("utf-8"):
            sys.exit(f"FAIL: the second rotation did not compress the first: {os.listdir(log_dir)}")
        if links[1] not in read(rotated):
            sys.exit("FAIL: the second alert is not in alerts.jsonl.1 after the second rotation")
        feed.publish("rotation-2", titles[2]["title"], links[2], titles[2]["summary"])
        await wait_for(lambda: links[2] in read(alerts), "alert after the second rotation", daemon)
        R.log("second rotation: .2.gz holds the first alert, the daemon writes a new file")

        exit_code = await daemon.stop()
        if exit_code != 0:
            sys.exit(f"FAIL: feedsentry exited {exit_code} on SIGTERM\n{daemon.log_tail()}")
    finally:
        await daemon.close()
        await site.server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the built feedsentry (default: build/feedsentry)")
    arguments = parser.parse_args()
    binary = R.find_binary(arguments.binary)
    if not os.access(LOGROTATE, os.X_OK):
        sys.exit("FAIL: logrotate not found; install Debian's logrotate package (scripts/lib.sh)")
    with tempfile.TemporaryDirectory(prefix="feedsentry-logrotate-") as directory:
        asyncio.run(scenario(binary, Path(directory)))
    print("PASS: logrotate snippet rotates file outputs; the daemon reopens them on SIGHUP")
    return 0


if __name__ == "__main__":
    sys.exit(main())
