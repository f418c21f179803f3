"""The foundation: 43 force areas with their staff; dashboard, area page, directory PDF."""

from django.test import Client

from pcc_portal.accounts.documents import area_directory
from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.pdf.services import html_to_pdf, render_html

AREAS = 43
STAFF_PER_AREA = 25


def build() -> None:
    areas = ForceArea.objects.bulk_create(
        ForceArea(name=f"Force area {i:02d}", code=f"force-{i:02d}") for i in range(AREAS)
    )
    users = User.objects.bulk_create(
        User(email=f"staff{a.pk}-{n}@bench.example.org", full_name=f"Staff {n}", role=Role.OPCC_STAFF)
        for a in areas
        for n in range(STAFF_PER_AREA)
    )
    through = User.force_areas.through
    through.objects.bulk_create(
        through(user_id=u.pk, forcearea_id=areas[i // STAFF_PER_AREA].pk) for i, u in enumerate(users)
    )
    admin = User.objects.create_superuser("bench-admin@bench.example.org", "x", full_name="Bench Admin")
    admin.force_areas.set(areas)


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def pages():
    staff = User.objects.filter(role=Role.OPCC_STAFF).first()
    area = staff.force_areas.first()
    staff_client = _client(staff.email)
    admin_client = _client("bench-admin@bench.example.org")
    return [
        ("dashboard (staff)", staff_client, "/dashboard/"),
        ("dashboard (admin, 43 areas)", admin_client, "/dashboard/"),
        ("area page", staff_client, area.get_absolute_url()),
        ("admin user list", admin_client, "/admin/accounts/user/"),
    ]


def pdfs():
    def hundred_pages() -> bytes:
        from types import SimpleNamespace

        area = ForceArea.objects.first()
        source = area_directory(area_id=area.pk)
        people = [
            SimpleNamespace(full_name=f"Person {i}", job_title="Officer", email=f"p{i}@x.org") for i in range(1800)
        ]
        html = render_html(
            template_name=source.template_name,
            context={**source.context, "title": source.title, "groups": [("OPCC staff", people)]},
        )
        return html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped

    return [("directory PDF, ~100 pages", hundred_pages)]
