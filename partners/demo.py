"""Demo partner organisations named in the source documents (shared/seeds/).

`ensure_demo_organisations()` is the one place that creates them, so every
app's demo data refers to the same records: look them up by these names.
"""

from pcc_portal.accounts.models import ForceArea

from .models import Duty, Organisation, OrganisationDuty
from .models import OrganisationType as T
from .models import PartnershipArea as P

# name, type, partnership area, area codes, population (2011 census), org-id, duties
DEMO_ORGANISATIONS = [
    # Leicester, Leicestershire and Rutland: ten councils (002, 003).
    ("Leicester City Council", T.CITY_COUNCIL_MAYOR, P.LOCAL_AUTHORITY, ["leicestershire"], 329_839, "GB-LAE-LCE"),
    ("Leicestershire County Council", T.COUNTY_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 650_489, "GB-LAE-LEC"),
    ("Rutland County Council", T.UNITARY_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 37_369, "GB-LAE-RUT"),
    ("Blaby District Council", T.DISTRICT_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 93_915, "GB-LAE-BLA"),
    ("Charnwood Borough Council", T.DISTRICT_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 166_100, "GB-LAE-CHA"),
    ("Harborough District Council", T.DISTRICT_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 85_382, "GB-LAE-HAR"),
    (
        "Hinckley and Bosworth Borough Council",
        T.DISTRICT_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        105_078,
        "GB-LAE-HIN",
    ),
    ("Melton Borough Council", T.DISTRICT_COUNCIL, P.LOCAL_AUTHORITY, ["leicestershire"], 50_376, "GB-LAE-MEL"),
    (
        "North West Leicestershire District Council",
        T.DISTRICT_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        93_468,
        "GB-LAE-NWL",
    ),
    (
        "Oadby and Wigston Borough Council",
        T.DISTRICT_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        56_170,
        "GB-LAE-OAD",
    ),
    # Community safety partnerships of the area.
    ("Safer Leicester Partnership", T.COMMUNITY_SAFETY_PARTNERSHIP, P.LOCAL_AUTHORITY, ["leicestershire"], None, ""),
    ("Safer Rutland Partnership", T.COMMUNITY_SAFETY_PARTNERSHIP, P.LOCAL_AUTHORITY, ["leicestershire"], None, ""),
    (
        "Blaby and Hinckley and Bosworth Community Safety Partnership",
        T.COMMUNITY_SAFETY_PARTNERSHIP,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "Charnwood Community Safety Partnership",
        T.COMMUNITY_SAFETY_PARTNERSHIP,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "Melton Community Safety Partnership",
        T.COMMUNITY_SAFETY_PARTNERSHIP,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "North West Leicestershire Community Safety Partnership",
        T.COMMUNITY_SAFETY_PARTNERSHIP,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "South Leicestershire Community Safety Partnership",
        T.COMMUNITY_SAFETY_PARTNERSHIP,
        P.LOCAL_AUTHORITY,
        ["leicestershire"],
        None,
        "",
    ),
    # Health, criminal justice, emergency services, voluntary sector (003, 000).
    (
        "West Leicestershire Clinical Commissioning Group",
        T.CLINICAL_COMMISSIONING_GROUP,
        P.HEALTH,
        ["leicestershire"],
        None,
        "",
    ),
    ("Leicestershire and Rutland Probation Trust", T.PROBATION, P.CRIMINAL_JUSTICE, ["leicestershire"], None, ""),
    (
        "Leicestershire and Rutland Local Criminal Justice Board",
        T.LOCAL_CRIMINAL_JUSTICE_BOARD,
        P.CRIMINAL_JUSTICE,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "Leicestershire Fire and Rescue Service",
        T.FIRE_AND_RESCUE,
        P.EMERGENCY_SERVICES,
        ["leicestershire"],
        None,
        "",
    ),
    ("Leicestershire Police", T.POLICE_FORCE, P.CRIMINAL_JUSTICE, ["leicestershire"], None, ""),
    (
        "Office of the Police and Crime Commissioner for Leicestershire",
        T.OPCC,
        P.CRIMINAL_JUSTICE,
        ["leicestershire"],
        None,
        "",
    ),
    (
        "Voluntary Action Leicestershire",
        T.VOLUNTARY_COMMUNITY,
        P.VOLUNTARY_SECTOR,
        ["leicestershire"],
        None,
        "GB-CHC-1124149",
    ),
    # West Midlands: seven metropolitan councils (004, 001).
    ("Birmingham City Council", T.METROPOLITAN_COUNCIL, P.LOCAL_AUTHORITY, ["west-midlands"], 1_073_045, "GB-LAE-BIR"),
    ("Coventry City Council", T.METROPOLITAN_COUNCIL, P.LOCAL_AUTHORITY, ["west-midlands"], 316_960, "GB-LAE-COV"),
    (
        "Dudley Metropolitan Borough Council",
        T.METROPOLITAN_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["west-midlands"],
        312_925,
        "GB-LAE-DUD",
    ),
    (
        "Sandwell Metropolitan Borough Council",
        T.METROPOLITAN_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["west-midlands"],
        308_063,
        "GB-LAE-SAW",
    ),
    (
        "Solihull Metropolitan Borough Council",
        T.METROPOLITAN_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["west-midlands"],
        206_674,
        "GB-LAE-SOL",
    ),
    ("Walsall Council", T.METROPOLITAN_COUNCIL, P.LOCAL_AUTHORITY, ["west-midlands"], 269_323, "GB-LAE-WLL"),
    (
        "City of Wolverhampton Council",
        T.METROPOLITAN_COUNCIL,
        P.LOCAL_AUTHORITY,
        ["west-midlands"],
        249_470,
        "GB-LAE-WLV",
    ),
    # Police authorities and government (004).
    ("Avon and Somerset Police Authority", T.POLICE_AUTHORITY, P.CRIMINAL_JUSTICE, ["avon-and-somerset"], None, ""),
    ("Cambridgeshire Police Authority", T.POLICE_AUTHORITY, P.CRIMINAL_JUSTICE, ["cambridgeshire"], None, ""),
    (
        "Home Office",
        T.GOVERNMENT,
        P.CRIMINAL_JUSTICE,
        [
            "leicestershire",
            "west-midlands",
            "west-yorkshire",
            "south-wales",
            "avon-and-somerset",
            "cambridgeshire",
        ],
        None,
        "GB-GOR-D11",
    ),
]

RESPONSIBLE_AUTHORITY_TYPES = {
    *T.councils(),
    T.FIRE_AND_RESCUE,
    T.CLINICAL_COMMISSIONING_GROUP,
    T.PROBATION,
    T.POLICE_FORCE,
}

# Districts lie within the county.
DISTRICT_PARENT = "Leicestershire County Council"


def ensure_demo_organisations() -> dict[str, Organisation]:
    """Create (or update) the seed organisations; return them by name."""
    areas = {area.code: area for area in ForceArea.objects.all()}
    by_name: dict[str, Organisation] = {}
    for name, org_type, partnership_area, area_codes, population, org_id in DEMO_ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "org_type": org_type,
                "partnership_area": partnership_area,
                "population": population,
                "org_id": org_id,
            },
        )
        organisation.force_areas.set([areas[code] for code in area_codes if code in areas])
        if org_type in RESPONSIBLE_AUTHORITY_TYPES:
            OrganisationDuty.objects.get_or_create(organisation=organisation, duty=Duty.RESPONSIBLE_AUTHORITY)
        if org_type in RESPONSIBLE_AUTHORITY_TYPES | {T.LOCAL_CRIMINAL_JUSTICE_BOARD}:
            OrganisationDuty.objects.get_or_create(organisation=organisation, duty=Duty.DUTY_TO_COOPERATE)
        by_name[name] = organisation
    county = by_name[DISTRICT_PARENT]
    Organisation.objects.filter(org_type=T.DISTRICT_COUNCIL, force_areas__code="leicestershire").update(parent=county)
    return by_name


def load(*, stdout) -> None:
    from .demo_records import load_records

    organisations = ensure_demo_organisations()
    summary = load_records(organisations)
    stdout.write(f"Partner organisations: {len(organisations)}; {summary}.")
