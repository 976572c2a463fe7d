"""The default service catalogue, loaded by migration assistance.0002 and by `sankofa demo`.
Administrators add, rename or retire services afterwards; loading again never overwrites them."""

# (code, category, English, French)
DEFAULT_SERVICES = [
    ("medical-consultation", "health", "Medical consultation", "Consultation médicale"),
    (
        "medical-treatment",
        "health",
        "Medical treatment or hospital care",
        "Traitement médical ou hospitalisation",
    ),
    ("medical-screening", "health", "Medical screening", "Dépistage médical"),
    (
        "psychosocial-individual",
        "mhpss",
        "Individual psychosocial support",
        "Soutien psychosocial individuel",
    ),
    (
        "psychosocial-group",
        "mhpss",
        "Group or family psychosocial activities",
        "Activités psychosociales de groupe ou en famille",
    ),
    ("mental-health-care", "mhpss", "Specialised mental health care", "Soins de santé mentale spécialisés"),
    (
        "shelter-transit-centre",
        "shelter",
        "Accommodation in a transit centre",
        "Hébergement en centre de transit",
    ),
    ("shelter-temporary", "shelter", "Temporary accommodation", "Hébergement temporaire"),
    ("housing-support", "shelter", "Housing support", "Aide au logement"),
    ("food", "food_nfi", "Food assistance", "Assistance alimentaire"),
    ("nfi-kit", "food_nfi", "Hygiene and non-food item kit", "Kit d'hygiène et articles non alimentaires"),
    ("clothing", "food_nfi", "Clothing", "Vêtements"),
    ("schooling", "education", "School enrolment and fees", "Inscription et frais de scolarité"),
    ("vocational-training", "education", "Vocational training", "Formation professionnelle"),
    (
        "legal-counselling",
        "legal",
        "Legal counselling and representation",
        "Conseil et représentation juridiques",
    ),
    ("consular-assistance", "legal", "Consular assistance", "Assistance consulaire"),
    ("travel-document", "documents", "Passport or laissez-passer", "Passeport ou laissez-passer"),
    (
        "civil-documentation",
        "documents",
        "Civil and identity documents",
        "Documents d'état civil et d'identité",
    ),
    (
        "family-tracing",
        "family_tracing",
        "Family tracing and reunification",
        "Recherche et regroupement familial",
    ),
    ("cash-pocket-money", "cash", "Pocket money", "Argent de poche"),
    ("cash-multipurpose", "cash", "Multi-purpose cash", "Transfert monétaire à usages multiples"),
    ("counselling-return", "counselling", "Return counselling", "Conseil au retour"),
    ("counselling-general", "counselling", "Information and counselling", "Information et conseil"),
    ("transport-local", "transport", "Local transport", "Transport local"),
    (
        "transport-onward",
        "transport",
        "Onward transport to the place of origin",
        "Transport vers le lieu d'origine",
    ),
    (
        "income-generating-activity",
        "livelihoods",
        "Income-generating activity or microbusiness",
        "Activité génératrice de revenus ou microentreprise",
    ),
    (
        "collective-business",
        "livelihoods",
        "Collective business with other returnees",
        "Entreprise collective avec d'autres personnes de retour",
    ),
    ("job-placement", "livelihoods", "Job placement", "Placement en emploi"),
    (
        "social-protection",
        "social_protection",
        "Access to social protection schemes",
        "Accès aux régimes de protection sociale",
    ),
    ("childcare", "social_protection", "Childcare", "Garde d'enfants"),
]


def catalogue_load(service_model) -> int:
    """Add the default services that are missing (by code); returns how many were added."""
    existing = set(service_model.objects.values_list("code", flat=True))
    new = [
        service_model(code=code, category=category, name_en=en, name_fr=fr)
        for code, category, en, fr in DEFAULT_SERVICES
        if code not in existing
    ]
    service_model.objects.bulk_create(new)
    return len(new)
