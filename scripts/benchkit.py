"""The parts of `make bench` that need no server: reading gunicorn's access log, the ratios, the
judged line; and the small HTTP client the bench drives the app with, as a browser would.

Every request the bench times carries an `X-Bench` header naming what it is (`today_first`,
`tick`, `h_tick` for the /healthz asked for beside it, ...). The bench's gunicorn writes one access
line a request, `LOG_FORMAT`: that label, the status, the time the worker took in microseconds
(from reading the request to the last byte sent; the time a request waited for a free worker is not
in it) and the worker's CPU time for it (scripts/bench_wsgi.py). So each figure is the server's
own, free of the client's; the CPU time is also nearly free of the other work on the machine,
which the wall time is not.
"""

import gzip
import http.client
import re
import secrets
import statistics
import string
import time
from urllib.parse import urlencode, urlparse

LOG_FORMAT = "%({x-bench}i)s %(s)s %(D)s %({bench.cpu_us}e)s"
LABEL_HEADER = "X-Bench"
JUDGED = ("today_first", "tick", "history90_first", "report", "settings_first", "journey")
JUDGED_LINE = re.compile(r"^judged: " + " ".join(rf"{name}=(\d+\.\d+)" for name in JUDGED) + "$")
TICK_URL = re.compile(r'action="(/day/\d{4}-\d{2}-\d{2}/tick/[\w-]+/)"')
CSRF_CHARS = string.ascii_letters + string.digits


def parse_log(lines):
    """({label: [wall µs, ...]}, {label: [CPU µs, ...]}, [(label, status), ...] for answers that
    were not 2xx/3xx). Lines without a label ("-": the phone, the weights) or of another shape are
    skipped; a line without its CPU time ("-") counts for the wall time only."""
    wall, cpu, errors = {}, {}, []
    for line in lines:
        parts = line.split()
        if len(parts) != 4 or parts[0] == "-" or not parts[1].isdigit() or not parts[2].isdigit():
            continue
        label, status = parts[0], int(parts[1])
        if not 200 <= status < 400:
            errors.append((label, status))
        wall.setdefault(label, []).append(int(parts[2]))
        if parts[3].isdigit():
            cpu.setdefault(label, []).append(int(parts[3]))
    return wall, cpu, errors


def ratio(base, times, *, average=statistics.median):
    """How many requests of `times` one /healthz is worth: base / times, each averaged (the median
    by default; the mean for a mix, whose cost is its mean). 1.0: as cheap as /healthz."""
    if not base or not times:
        return None
    return average(base) / average(times)


def shares(times):
    """{label: share of the summed time}, for a mix."""
    total = sum(sum(values) for values in times.values())
    return {label: sum(values) / total for label, values in times.items()} if total else {}


def judged_line(ratios):
    """The bench's last line: every judged ratio, in a fixed order, three decimals (0.000 when a
    figure could not be measured)."""
    return "judged: " + " ".join(f"{name}={(ratios.get(name) or 0.0):.3f}" for name in JUDGED)


def parse_judged(line):
    """The judged line back into {name: ratio}; None for any other line."""
    match = JUDGED_LINE.match(line.strip())
    return dict(zip(JUDGED, map(float, match.groups()), strict=True)) if match else None


def tick_urls(html):
    """The tick forms' addresses on a page, in page order, each once."""
    return list(dict.fromkeys(TICK_URL.findall(html)))


def new_csrf_secret():
    """A CSRF cookie as Django would set it (32 letters and digits): a browser's first POST
    carries the one its first page set; the bench makes one up instead of asking for a page."""
    return "".join(secrets.choice(CSRF_CHARS) for _ in range(32))


def set_cookies(jar, headers):
    """Cookies from `Set-Cookie` headers into `jar` (name: value); a deleted one goes."""
    for header in headers:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if "expires=Thu, 01 Jan 1970" in header or "Max-Age=0" in header:
            jar.pop(name.strip(), None)
        else:
            jar[name.strip()] = value
    return jar


class Browser:
    """One person's browser: its cookies, gzip accepted, every request as if through the HTTPS
    proxy, one connection a request (gunicorn's sync workers close it), no redirect followed."""

    def __init__(self, base, cookies=None, *, every_label=None):
        """`every_label`: one label for every request, whatever the caller names it."""
        self.every_label = every_label
        url = urlparse(base)
        self.host, self.port = url.hostname, url.port
        self.origin = f"https://{url.netloc}"
        self.jar = dict(cookies or {})
        self.jar.setdefault("csrftoken", new_csrf_secret())

    def request(self, method, path, label="-", data=None, *, fetch=False, accept_gzip=True):
        """(status, body as text, headers, bytes on the wire, client seconds)."""
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            LABEL_HEADER: self.every_label or label,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.items()),
        }
        if accept_gzip:
            headers["Accept-Encoding"] = "gzip, deflate, br"
        body = None
        if method == "POST":
            body = urlencode({"csrfmiddlewaretoken": self.jar["csrftoken"], **(data or {})}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.origin + "/today/"
        if fetch:  # as static/js/today.js and session.js send a tick
            headers["X-Requested-With"] = "fetch"
            headers["Accept"] = "application/json"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        set_cookies(self.jar, response.headers.get_all("Set-Cookie") or [])
        text = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
        return response.status, text.decode("utf-8", "replace"), response.headers, len(raw), elapsed

    def get(self, path, label="-", **kwargs):
        return self.request("GET", path, label, **kwargs)

    def post(self, path, label="-", data=None, **kwargs):
        return self.request("POST", path, label, data, **kwargs)
