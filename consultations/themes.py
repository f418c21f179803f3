"""The theme list of the Deep Dives final report (seed 001), in its order. Staff may add more."""

# group, name, key
SEED_THEMES = [
    ("Police and Crime Panels", "Formation of panels", "pcp-formation"),
    ("Police and Crime Panels", "Role and procedure of panels", "pcp-role-procedure"),
    ("Police and Crime Panels", "Allocated funding", "pcp-funding"),
    ("Wales", "Wales-specific points", "wales"),
    ("Partnership issues", "Partnership working", "partnership-working"),
    ("Partnership issues", "Partnerships and the criminal justice system", "partnerships-cjs"),
    ("Partnership issues", "Community safety funding and commissioning", "community-safety-funding-commissioning"),
    ("Partnership issues", "Vulnerable and priority groups", "vulnerable-groups"),
    ("Communications", "Information for partnerships", "communication"),
    ("Readiness", "Overall impressions of readiness", "readiness"),
    ("Readiness", "Transition boards", "transition-boards"),
]
