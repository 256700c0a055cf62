"""Load for the benchmarks: gunicorn started the way `make run` starts it, and HTTP clients light
enough that the server, not the client, is what gets measured.

A Python thread per client spends about as much CPU on http.client as a small view spends in
Django, which on a two-core machine halves what the server can show. Here each client process
keeps many keep-alive connections busy from one selector loop over raw sockets instead.
"""

import os
import re
import secrets
import selectors
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# What `make run` serves with: one worker process per core, a few threads each (see Makefile).
WORKERS = os.cpu_count() or 2
THREADS = 4


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, path="/robots.txt", server=None, seconds=30):
    """Wait until something answers HTTP on `port`; exit if `server` (a Popen) dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                if sock.recv(12).startswith(b"HTTP/1."):
                    return
        except OSError:
            pass
        if server is not None and server.poll() is not None:
            break
        time.sleep(0.2)
    sys.exit(f"the server on port {port} did not start")


@contextmanager
def gunicorn(env, workers=WORKERS, threads=THREADS):
    """gunicorn serving config.wsgi on a free port of 127.0.0.1: yields (port, master pid)."""
    port = free_port()
    command = [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_for(port, server=server)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Load:
    """What a load run saw: responses by status, latencies (ms), bytes received, seconds."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)
    received: int = 0
    seconds: float = 0.0
    client_cpu: float = 0.0  # CPU seconds the client processes spent

    @property
    def answered(self):
        return sum(count for status, count in self.statuses.items() if status != "reconnected")

    def rate(self, status=None):
        """Responses per second, all of them or those with `status`."""
        count = self.answered if status is None else self.statuses.get(status, 0)
        return count / self.seconds if self.seconds else 0.0

    def latency(self):
        ordered = sorted(self.latencies) or [0.0]
        return {
            "median": statistics.median(ordered),
            "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        }

    def as_dict(self):
        return {
            "rps": self.rate(200) or self.rate(),
            "statuses": {str(key): value for key, value in self.statuses.items()},
            "seconds": self.seconds,
            "latency_ms": self.latency(),
            "kib_per_response": self.received / max(1, self.answered) / 1024,
        }


class _Connection:
    __slots__ = ("sock", "buffer", "sent_at")


def _client(job):
    """One client process: `connections` keep-alive connections, each sending the next request
    of this process's share as soon as the previous answer is in, until the deadline or the
    share is used up. Numbers requests index, index + processes, … so that no two processes
    send the same one."""
    port, make_request, seconds, connections, index, processes, limit = job
    cpu_before = time.process_time()
    selector = selectors.DefaultSelector()
    result = Load()
    numbers = iter(range(index, limit, processes))
    deadline = time.monotonic() + seconds

    def send(conn):
        number = next(numbers, None)
        if number is None or time.monotonic() >= deadline:
            selector.unregister(conn.sock)
            conn.sock.close()
            return
        conn.sent_at = time.perf_counter()
        conn.sock.setblocking(True)
        conn.sock.sendall(make_request(number))
        conn.sock.setblocking(False)

    def connect():
        conn = _Connection()
        conn.sock = socket.create_connection(("127.0.0.1", port))
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.buffer = bytearray()
        selector.register(conn.sock, selectors.EVENT_READ, conn)
        send(conn)

    for _ in range(connections):
        connect()
    while selector.get_map():
        for key, _mask in selector.select(timeout=5):
            conn = key.data
            try:
                chunk = conn.sock.recv(1 << 18)
            except BlockingIOError:
                continue
            except ConnectionError:
                chunk = b""
            if not chunk:
                # The server closed the connection (keep-alive timeout): open another.
                result.statuses["reconnected"] += 1
                selector.unregister(conn.sock)
                conn.sock.close()
                if time.monotonic() < deadline:
                    connect()
                continue
            conn.buffer += chunk
            result.received += len(chunk)
            end = conn.buffer.find(b"\r\n\r\n")
            if end < 0:
                continue
            head = bytes(conn.buffer[:end]).lower()
            match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
            if len(conn.buffer) < end + 4 + (int(match.group(1)) if match else 0):
                continue
            result.statuses[int(head[9:12])] += 1
            result.latencies.append((time.perf_counter() - conn.sent_at) * 1000)
            conn.buffer.clear()
            if b"\r\nconnection: close" in head:
                selector.unregister(conn.sock)
                conn.sock.close()
                if time.monotonic() < deadline:
                    connect()
            else:
                send(conn)
    result.client_cpu = time.process_time() - cpu_before
    return result


def load(port, make_request, seconds, processes=2, connections=8, limit=10**9):
    """Send requests to 127.0.0.1:`port` from `processes` × `connections` keep-alive clients
    for `seconds` or until `limit` requests; `make_request(n)` gives the bytes of request n.
    Every answered request is counted; a request the server never answered is not."""
    jobs = [
        (port, make_request, seconds, connections, i, processes, limit) for i in range(processes)
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        parts = list(pool.map(_client, jobs))
    total = Load(seconds=time.perf_counter() - started)
    for part in parts:
        total.statuses += part.statuses
        total.latencies += part.latencies
        total.received += part.received
        total.client_cpu += part.client_cpu
    return total


def workers_of(master_pid):
    """The process ids of a gunicorn master's workers."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s*{master_pid}$", text, re.M):
            found.append(int(status.parent.name))
    return found


def cpu_seconds(pids):
    """CPU time (user + system) the processes `pids` have used so far; gone ones count 0."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _get(path, headers, _number):
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: midad-bench\r\n"
        f"Accept: text/html\r\n{headers}\r\n"
    ).encode()


def hammer(port, path, seconds, headers=""):
    """The same GET of `path` again and again from 16 keep-alive clients."""
    return load(port, partial(_get, path, headers), seconds)


def _beacon(post_ids, run, number):
    # A distinct browser each time, so each beacon is a first view today and gets counted; the
    # run's token keeps them distinct from the readers of any earlier run on a shared cache.
    return (
        f"POST /views/{post_ids[number % len(post_ids)]}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Firefox/140.0 {run}.{number}"
        "\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 0\r\n\r\n"
    ).encode()


def fire_beacons(port, post_ids, requests, seconds, clients=16):
    """View beacons for `post_ids` in turn, each from a distinct reader, from `clients`
    keep-alive clients, until `requests` are answered or `seconds` pass. The server must count
    exactly the beacons it answered 204."""
    processes = 2 if clients >= 2 else 1
    make_request = partial(_beacon, list(post_ids), secrets.token_hex(4))
    return load(port, make_request, seconds, processes, clients // processes, requests)
