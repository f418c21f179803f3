"""The load scenario: the portal under gunicorn (DEBUG off) on PostgreSQL with the national data set.

Builds the bench data set (bench/scenarios/) in a scratch database, starts
gunicorn with DEBUG off on it (bench/wsgi.py: the portal plus the bare view
of bench/bare.py), and drives it from a second process with wrk (Debian's
``wrk`` package) for 60 s at 10 and at 50 concurrent connections: first over
a mix of public and signed-in pages (every page of the scenarios but the
admin's, each signed-in page with its user's session cookie), then the same
load on the bare view. Prints requests/s, p50, p95, p99 and errors for each
(the API's 429 answers to a simulated user over its rate limit in a column of
their own: with no think time, each user asks far faster than the limits allow),
and writes the results as JSON under bench/results/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pcc_bench python bench/load.py

Settings from the environment: LOAD_PORT (8110), LOAD_DURATION (60s),
LOAD_USERS ("10 50"), LOAD_WORKERS (2, gunicorn workers). wrk keeps each
connection busy (no think time): a connection is a user who clicks again as
soon as the page arrives.

The server runs with the page cache (pcc_portal/core/pagecache.py) when
CACHE_URL names a cache every process shares (Redis, Memcached), as in
production, unless LOAD_PAGE_CACHE=0; it prints the share of the mix's
requests served from it, and the pages that write when read or are never
served from it. Each page is sent with a CSRF cookie, as a browser keeps the
one its first page gave it (one for each signed-in user, one for the
visitors). The mix asks each user for the same page again and again with
hardly anything written in between: the best case for the cache.
"""

import datetime
import importlib
import json
import os
import pkgutil
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("DEBUG", "1")
os.environ["BENCH_SKIP_SWEEP"] = "1"  # the reminder sweep is timed by bench/run.py, not needed for the pages
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")
SERVER_CACHE_URL = os.environ.get("CACHE_URL", "")
SHARED_CACHE = SERVER_CACHE_URL.split(":", 1)[0] in {"redis", "rediscache", "rediss", "pymemcache", "pylibmc"}
PAGE_CACHE = SHARED_CACHE and os.environ.get("LOAD_PAGE_CACHE", "1") != "0"
os.environ["PAGE_CACHE"] = "0"  # this process only builds the data; the server's setting is below

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

from pcc_portal.core import pagecache  # noqa: E402

PORT = int(os.environ.get("LOAD_PORT", "8110"))
DURATION = os.environ.get("LOAD_DURATION", "60s")
USERS = [int(n) for n in os.environ.get("LOAD_USERS", "10 50").split()]
WORKERS = os.environ.get("LOAD_WORKERS", "2")

LUA = r"""
-- A mix of pages, each with its own session cookie or API token (or none): taken in turn by each connection.
-- Each simulated user has its own address, as behind the production proxy (X-Forwarded-For, AXES_PROXY_COUNT=1),
-- so the API's per-address rate limit counts one user's requests, not the whole load's.
-- Each line: path, session id, CSRF cookie and API token ("-" for none).
local pages = {}
for line in io.lines(os.getenv("LOAD_PAGES")) do
  local path, session, csrf, token = line:match("^(%S+) (%S+) (%S+) (%S+)$")
  local cookies = {}
  if session ~= "-" then table.insert(cookies, "sessionid=" .. session) end
  if csrf ~= "-" then table.insert(cookies, "csrftoken=" .. csrf) end
  table.insert(pages, {path = path, cookie = table.concat(cookies, "; "), token = token})
end
local users = tonumber(os.getenv("LOAD_THREAD_USERS") or "1")
local counter = 0
local threads = {}
function setup(thread)
  thread:set("offset", counter * 7); thread:set("id", counter); counter = counter + 1
  table.insert(threads, thread)
end
local n = 0
function request()
  n = n + 1
  local page = pages[((n + (offset or 0)) % #pages) + 1]
  local headers = {["X-Forwarded-For"] = string.format("10.%d.%d.1", (id or 0) + 1, n % users + 1)}
  if page.cookie ~= "" then headers["Cookie"] = page.cookie end
  if page.token ~= "-" then headers["Authorization"] = "Bearer " .. page.token end
  return wrk.format("GET", page.path, headers)
end
hits = 0
limited = 0
function response(status, headers, body)
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
  if status == 429 then limited = limited + 1 end
end
function done(summary, latency, requests)
  local e = summary.errors
  local served_from_cache, rate_limited = 0, 0
  for _, thread in ipairs(threads) do
    served_from_cache = served_from_cache + (thread:get("hits") or 0)
    rate_limited = rate_limited + (thread:get("limited") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "cache_hits": %d, ' ..
    '"rate_limited": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, served_from_cache, rate_limited, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def collect_pages() -> list[tuple[str, str, str, str]]:
    """Build every scenario's data; return (path, session id, CSRF cookie, API token) for each non-admin page,
    each "" when there is none."""
    import scenarios
    from django.utils.crypto import get_random_string

    # A browser keeps the CSRF cookie the first page gave it (every page puts the token in htmx's headers):
    # one for each signed-in user, one for the visitors.
    csrf_of_session: dict[str, str] = {}
    pages = []
    for module_info in pkgutil.iter_modules(scenarios.__path__):
        module = importlib.import_module(f"scenarios.{module_info.name}")
        start = time.perf_counter()
        module.build()
        with connection.cursor() as cursor:  # planner statistics and visibility maps, as autovacuum gives production
            cursor.execute("VACUUM ANALYZE")
        print(f"[{module_info.name}] data built in {time.perf_counter() - start:.1f} s", flush=True)
        for _label, client, url in module.pages():
            if url.startswith("/admin/"):
                continue
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            session = cookie.value if cookie else ""
            csrf = csrf_of_session.setdefault(session, get_random_string(32))
            token = client.defaults.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
            pages.append((url, session, csrf, token))
    return pages


def cookie_header(session: str, csrf: str) -> str:
    return "; ".join(f"{name}={value}" for name, value in [("sessionid", session), ("csrftoken", csrf)] if value)


def wrk(url: str, pages_file: Path, script: Path, users: int) -> dict:
    env = {**os.environ, "LOAD_PAGES": str(pages_file), "LOAD_THREAD_USERS": str(max(1, users // 2))}
    out = subprocess.run(  # noqa: S603 (Debian's wrk, our own arguments)
        [shutil.which("wrk") or "wrk", "-t", "2", "-c", str(users), "-d", DURATION, "--timeout", "10s",
         "-s", str(script), url],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    # The API's answer to a client over its published limit (429) is counted apart: wrk's simulated users ask
    # for pages without pause, far faster than the limits (60 a minute anonymously, 600 per token) allow.
    result["errors"]["status"] -= result["rate_limited"]
    result["error_count"] = sum(result["errors"].values())
    return result


def main() -> int:
    import bare

    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    if connection.vendor != "postgresql":
        print("The load scenario runs on PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_config = setup_databases(verbosity=1, interactive=False)
    workdir = Path(tempfile.mkdtemp(prefix="pcc-load-"))
    server = None
    try:
        pages = collect_pages()
        pages_file = workdir / "pages.txt"
        pages_file.write_text("".join(f"{' '.join(field or '-' for field in page)}\n" for page in pages))
        bare_file = workdir / "bare.txt"
        bare_file.write_text(f"{bare.BARE_URL} - - -\n")
        script = workdir / "mix.lua"
        script.write_text(LUA)
        signed_in = sum(1 for _, session, _, token in pages if session or token)
        print(f"mix: {len(pages)} pages ({signed_in} signed in, {len(pages) - signed_in} public)")
        if PAGE_CACHE:
            pagecache.bump_generation()  # no page stored by an earlier run (same sessions' ids) comes back
        print(f"page cache: {'on, ' + SERVER_CACHE_URL if PAGE_CACHE else 'off (set CACHE_URL=redis://...)'}")

        db = settings.DATABASES["default"]
        database_url = (
            f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@{db['HOST']}:{db['PORT']}/"
            f"{db['NAME']}"
        )
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,  # the sessions were signed with it
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "AXES_PROXY_COUNT": "1",  # as in production behind its proxy: each simulated user has its own address
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
            "PAGE_CACHE": "1" if PAGE_CACHE else "0",
        }
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"], env=env, check=True
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        server = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "--chdir", str(BENCH), "-w", WORKERS, "-b", f"127.0.0.1:{PORT}", "--log-level",
             "warning", "wsgi:application"],
            env=env, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz/", timeout=2)  # noqa: S310 (our own server)
                break
            except OSError:
                time.sleep(0.2)
        # Every page answers 200 under DEBUG off before it is loaded. With the page cache, each is asked twice:
        # the pages that write when read, or are never stored, are listed.
        not_cached, writing = [], []
        for path, session, csrf, token in pages:
            headers = {"Cookie": cookie_header(session, csrf)}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            served = []
            for _ in range(2 if PAGE_CACHE else 1):
                generation = pagecache.current_generation() if PAGE_CACHE else 0
                request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    assert response.status == 200, (path, response.status)
                    served.append(response.headers.get("X-Page-Cache"))
                if PAGE_CACHE and pagecache.current_generation() != generation and path not in writing:
                    writing.append(path)
            if PAGE_CACHE and served[-1] != "hit":
                not_cached.append(f"{path} ({served[-1] or 'exempt'})")
        if PAGE_CACHE:
            print(f"pages that write when read: {', '.join(writing) or 'none'}")
            print(f"pages not served from the cache when asked again: {', '.join(not_cached) or 'none'}")

        rows = []
        for users in USERS:
            for name, file in [("mix of pages", pages_file), ("bare view", bare_file)]:
                print(f"  {name} at {users} users for {DURATION}...", flush=True)
                rows.append({"load": name, "users": users, **wrk(base, file, script, users)})
        print()
        print(
            f"{'load':<14}{'users':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'429':>7}"
            f"{'of bare':>9}{'cached':>8}"
        )
        for row in rows:
            bare_row = next(r for r in rows if r["users"] == row["users"] and r["load"] == "bare view")
            row["throughput_of_bare"] = round(row["rps"] / bare_row["rps"], 3)
            row["cache_hit_rate"] = round(row["cache_hits"] / row["requests"], 3) if row["requests"] else 0
            print(
                f"{row['load']:<14}{row['users']:>6}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}{row['error_count']:>8}{row['rate_limited']:>7}{row['throughput_of_bare']:>8.0%}"
                f"{row['cache_hit_rate']:>8.0%}"
            )
        folder = BENCH / "results"
        folder.mkdir(exist_ok=True)
        out = folder / f"load-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%S}.json"
        out.write_text(
            json.dumps(
                {"workers": WORKERS, "duration": DURATION, "pages": len(pages), "page_cache": PAGE_CACHE, "rows": rows},
                indent=2,
            )
        )
        print(f"results: {out.relative_to(ROOT)}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
        connection.close()
        teardown_databases(old_config, verbosity=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
