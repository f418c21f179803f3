"""Every demo user walks the pages they can reach from their dashboard: none fails.

This is the check that the embedded default (SQLite, `make run`) and PostgreSQL
serve the same portal: CI runs it on both (`.ci/run`), because SQL that only one
of them understands has broken pages before while every other test passed.
"""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from pcc_portal.accounts.models import User

DEMO_USERS = [
    "admin@demo.pcc-portal.org.uk",
    "staff@demo.pcc-portal.org.uk",
    "staff.westmids@demo.pcc-portal.org.uk",
    "secretariat@demo.pcc-portal.org.uk",
    "member@demo.pcc-portal.org.uk",
    "partner@demo.pcc-portal.org.uk",
    "successor@demo.pcc-portal.org.uk",
    None,  # a visitor
]
PAGES_EACH = 400  # more than the distinct kinds of page any one user can reach
HREF = re.compile(r'href="(/[^"#]*)"')
# Links that change something, end the session or only download a file are not followed:
# documents are rendered by the workers and checked by their own tests.
NOT_FOLLOWED = re.compile(r"/(logout|pdf|download|export|static|media)(/|\.|$)|\.(pdf|zip|ics|csv|xlsx|json)$|^/admin/")


def _kind(path: str, query: str) -> tuple | None:
    """Return what kind of page a link opens: its URL pattern and the names of its query's fields."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, tuple(sorted({field.split("=")[0] for field in query.split("&") if field}))


def _crawl(client, start: str) -> tuple[int, list[str]]:
    """Open one page of each kind the user can reach from `start`, and return the failures."""
    seen, queue, failures = {_kind(start, "")}, deque([start]), []
    visited = 0
    while queue and visited < PAGES_EACH:
        path = queue.popleft()
        try:
            response = client.get(path)
        except Exception as error:  # every failure is reported with its page
            failures.append(f"{path}: {type(error).__name__}: {error}")
            continue
        visited += 1
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            link = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            kind = _kind(link.path, link.query)
            if kind and kind not in seen and not NOT_FOLLOWED.search(link.path):
                seen.add(kind)
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
    return visited, failures


@pytest.mark.django_db
def test_every_demo_user_reaches_their_pages_and_every_admin_list_opens(client, settings):
    settings.DEBUG = True  # load_demo refuses to run with DEBUG off
    call_command("load_demo", stdout=io.StringIO())
    failures, visited = [], {}
    for email in DEMO_USERS:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        count, found = _crawl(client, reverse("core:dashboard") if email else "/")
        visited[email or "visitor"] = count
        failures += [f"{email or 'visitor'} {failure}" for failure in found]
    client.force_login(User.objects.get(email=DEMO_USERS[0]))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if (status := client.get(url).status_code) != 200:
            failures.append(f"admin {url}: {status}")
    assert not failures, "\n".join(failures)
    # The walk went somewhere: every signed-in user reached well beyond their dashboard.
    assert all(count >= 10 for count in visited.values()), visited
