"""Demo force areas and one demo user per role (password in README.md)."""

from .models import ForceArea, Role, User
from .services import area_contact_save, user_create

DEMO_PASSWORD = "Portal-demo-2026"  # noqa: S105 - published in README.md; DEBUG only

# The force areas of the source documents in shared/seeds/.
DEMO_AREAS = [
    ("Leicestershire", "leicestershire", ForceArea.Nation.ENGLAND),
    ("West Midlands", "west-midlands", ForceArea.Nation.ENGLAND),
    ("West Yorkshire", "west-yorkshire", ForceArea.Nation.ENGLAND),
    ("South Wales", "south-wales", ForceArea.Nation.WALES),
    ("Avon and Somerset", "avon-and-somerset", ForceArea.Nation.ENGLAND),
    ("Cambridgeshire", "cambridgeshire", ForceArea.Nation.ENGLAND),
]

# email, name, job title, role, area codes
DEMO_USERS = [
    ("admin@demo.pcc-portal.org.uk", "Alex Admin", "Portal administrator", Role.ADMINISTRATOR, []),
    ("staff@demo.pcc-portal.org.uk", "Paul Stock", "Chief Executive, OPCC", Role.OPCC_STAFF, ["leicestershire"]),
    (
        "secretariat@demo.pcc-portal.org.uk",
        "Sam Scrutiny",
        "Scrutiny officer, Leicestershire County Council",
        Role.PANEL_SECRETARIAT,
        ["leicestershire"],
    ),
    ("member@demo.pcc-portal.org.uk", "Pat Panel", "Panel member", Role.PANEL_MEMBER, ["leicestershire"]),
    (
        "partner@demo.pcc-portal.org.uk",
        "Val Volunteer",
        "Chief Officer, Voluntary Action Leicestershire",
        Role.PARTNER,
        ["leicestershire"],
    ),
    (
        "successor@demo.pcc-portal.org.uk",
        "Sol Successor",
        "Transition lead, Leicestershire Policing and Crime Board (illustrative)",
        Role.SUCCESSOR_OFFICER,
        ["leicestershire"],
    ),
    (
        "staff.westmids@demo.pcc-portal.org.uk",
        "Wendy Midlands",
        "Partnerships officer, OPCC",
        Role.OPCC_STAFF,
        ["west-midlands"],
    ),
]


def load(*, stdout) -> None:
    for name, code, nation in DEMO_AREAS:
        ForceArea.objects.update_or_create(code=code, defaults={"name": name, "nation": nation})
    areas = {area.code: area for area in ForceArea.objects.all()}
    for email, full_name, job_title, role, area_codes in DEMO_USERS:
        if User.objects.filter(email=email).exists():
            continue
        user_create(
            email=email,
            full_name=full_name,
            job_title=job_title,
            role=role,
            password=DEMO_PASSWORD,
            areas=[areas[code] for code in area_codes],
        )
    for code in ("leicestershire", "west-midlands"):
        area = areas[code]
        area_contact_save(
            area=area,
            data={
                "office_name": f"Office of the Police and Crime Commissioner for {area.name} (illustrative details)",
                "address": f"OPCC {area.name}\n1 Example Street\n{area.name} (illustrative address)",
                "email": f"opcc.{code}@demo.pcc-portal.org.uk",
                "phone": "0300 000 0000",
                "dpo_name": "Data Protection Officer (illustrative)",
                "dpo_email": f"dpo.{code}@demo.pcc-portal.org.uk",
                "dpo_phone": "0300 000 0001",
                "response_days": 10,
            },
        )
    stdout.write(f"Force areas: {len(areas)}; demo users: {len(DEMO_USERS)} (password {DEMO_PASSWORD}).")
