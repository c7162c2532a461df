"""bin/cumulus sum: submits a summation job to aggregate, shows its progress, prints the exact result.

Usage: bin/cumulus sum <file-or-url> [--url BASE] [--token TOKEN] [--chunk-bytes N] [--job-id ID]
                       [--max-concurrency N] [--timeout-ms N] [--tolerate N]

<file-or-url> is a URL aggregate may read (https://..., file://...), or a local file. A local file is read by the
local platform under its data folder (target/local-platform/data): one outside it is linked (or copied) into
data/uploads/ first. BASE is aggregate's URL (default http://127.0.0.1:8090, the local platform; or
CUMULUS_AGGREGATE_URL); TOKEN a bearer token from login (or CUMULUS_TOKEN). Ctrl-C asks whether to cancel the job.
Exit status: 0 SUCCEEDED, 1 PARTIAL, 2 FAILED or CANCELLED, 3 the job could not be submitted or followed.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import time
import urllib.error
import urllib.request
import uuid

POLL_SECONDS = 0.5
FINAL = {"SUCCEEDED": 0, "PARTIAL": 1, "FAILED": 2, "CANCELLED": 2}


class Failure(Exception):
    pass


def call(method, url, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        try:
            error = json.load(e).get("error", {})
            detail = "%s: %s" % (error.get("code"), error.get("message"))
        except ValueError:
            detail = "HTTP %d" % e.code
        raise Failure(detail)
    except (urllib.error.URLError, OSError) as e:
        raise Failure("cannot reach %s: %s" % (url, getattr(e, "reason", e)))


def source_url(arg, data_dir):
    if "://" in arg:
        return arg
    if not os.path.isfile(arg):
        raise Failure("%s is neither a URL nor a file" % arg)
    data = os.path.realpath(data_dir)
    path = os.path.realpath(arg)
    if not path.startswith(data + os.sep):
        uploads = os.path.join(data, "uploads")
        os.makedirs(uploads, mode=0o700, exist_ok=True)
        target = os.path.join(uploads, os.path.basename(path))
        if os.path.exists(target):
            os.remove(target)
        try:
            os.link(path, target)
        except OSError:
            print("copying %s into %s (the local platform reads files there)" % (arg, uploads), file=sys.stderr)
            shutil.copyfile(path, target)
        path = target
    return "file://" + path


def size(n):
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return ("%.0f %s" if unit == "B" else "%.1f %s") % (n, unit)
        n /= 1000.0


def clock(seconds):
    seconds = int(seconds)
    return "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


class Progress:
    """One line, redrawn in place on a terminal; a line every few seconds otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.began = time.monotonic()
        self.last_print = 0.0
        self.first_done = None

    def show(self, status):
        chunks = status.get("chunks") or {}
        progress = status.get("progress") or {}
        total, done = progress.get("total", 0), progress.get("done", 0)
        now = time.monotonic()
        if self.first_done is None:
            self.first_done = (now, done)
        t0, d0 = self.first_done
        rate = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
        eta = "ETA " + clock((total - done) / rate) if rate > 0 and total > done else "ETA --:--:--"
        fraction = done / total if total else 1.0
        bar = "#" * int(fraction * 30) + "." * (30 - int(fraction * 30))
        unit = progress.get("unit", "bytes")
        amount = ("%s/%s" % (size(done), size(total))) if unit == "bytes" else ("%d/%d values" % (done, total))
        speed = (size(rate) + "/s") if unit == "bytes" else ("%.0f values/s" % rate)
        line = "[%s] %3d%% %d/%d chunks  %s  %s  %s  retries %d  %s" % (
            bar, fraction * 100, chunks.get("succeeded", 0), chunks.get("total", 0), amount, speed, eta,
            chunks.get("retries", 0), status.get("state"))
        if self.tty:
            self.stream.write("\r\033[K" + line)
            self.stream.flush()
        elif now - self.last_print >= 2 or status.get("state") in FINAL:
            self.stream.write(line + "\n")
            self.stream.flush()
            self.last_print = now

    def end(self):
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def ask_cancel(job_id):
    if not sys.stdin.isatty():
        return True
    try:
        answer = input("\ncancel job %s? [y/N] " % job_id)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def main(argv):
    parser = argparse.ArgumentParser(prog="bin/cumulus sum", description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("--url", default=os.environ.get("CUMULUS_AGGREGATE_URL", "http://127.0.0.1:8090"))
    parser.add_argument("--token", default=os.environ.get("CUMULUS_TOKEN"))
    parser.add_argument("--chunk-bytes", type=int)
    parser.add_argument("--job-id")
    parser.add_argument("--max-concurrency", type=int)
    parser.add_argument("--timeout-ms", type=int)
    parser.add_argument("--tolerate", type=int)
    parser.add_argument("--data-dir", default=os.path.join("target", "local-platform", "data"),
                        help="the local platform's data folder, where it reads local files")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    job_id = args.job_id or "sum-" + uuid.uuid4().hex[:12]
    request = {"jobId": job_id, "source": {"url": source_url(args.source, args.data_dir)}}
    for field, value in (("chunkBytes", args.chunk_bytes), ("maxConcurrency", args.max_concurrency),
                         ("timeoutMs", args.timeout_ms), ("toleratedFailures", args.tolerate)):
        if value is not None:
            request[field] = value
    status = call("POST", base + "/jobs", args.token, request)
    print("job %s submitted: %d chunks; %s%s" % (job_id, status["chunks"]["total"], base, status["statusUrl"]),
          file=sys.stderr)
    progress = Progress(sys.stderr)
    interrupted = []
    signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(True))
    while True:
        if interrupted:
            interrupted.clear()
            progress.end()
            if ask_cancel(job_id):
                call("POST", base + "/jobs/" + job_id + "/cancel", args.token, {})
                print("cancel asked; waiting for the job to stop", file=sys.stderr)
            else:
                print("the job runs on; follow it at %s/jobs/%s" % (base, job_id), file=sys.stderr)
                return 130
        status = call("GET", base + "/jobs/" + job_id, args.token)
        progress.show(status)
        if status["state"] in FINAL:
            break
        time.sleep(POLL_SECONDS)
    progress.end()
    result = status.get("result") or {}
    failed = status.get("failed") or []
    if status.get("error"):
        print("error %s: %s" % (status["error"]["code"], status["error"]["message"]), file=sys.stderr)
    for f in failed[:10]:
        print("chunk %d (offset %d, %d bytes): %s %s" % (f["index"], f["offset"], f["length"], f["error"]["code"],
                                                       f["error"]["message"]), file=sys.stderr)
    if len(failed) > 10:
        print("... and %d more chunks without a result" % (len(failed) - 10), file=sys.stderr)
    print(json.dumps({"jobId": job_id, "state": status["state"], "count": result.get("count"),
                      "sum": result.get("sum"), "min": result.get("min"), "max": result.get("max"),
                      "elapsedMs": status.get("elapsedMs")}))
    return FINAL[status["state"]]


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as e:
        print("cumulus sum: %s" % e, file=sys.stderr)
        sys.exit(3)
