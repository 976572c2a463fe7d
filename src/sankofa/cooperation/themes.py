"""The default themes of cooperation, loaded by migration cooperation.0002. Administrators add or
rename themes afterwards; loading again never overwrites them."""

# (code, English, French)
DEFAULT_THEMES = [
    ("trafficking", "Fight against trafficking in persons", "Lutte contre la traite des personnes"),
    ("migrant-workers", "Protection of migrant workers", "Protection des travailleurs migrants"),
    ("regular-pathways", "Regular pathways for students", "Voies régulières pour les étudiants"),
    ("return-reintegration", "Return and reintegration", "Retour et réintégration"),
    ("protection", "Protection of vulnerable migrants", "Protection des migrants vulnérables"),
    ("labour-migration", "Labour migration", "Migration de travail"),
    ("border-management", "Border and identity management", "Gestion des frontières et de l'identité"),
    ("migration-data", "Migration data", "Données migratoires"),
    ("diaspora", "Diaspora engagement", "Mobilisation de la diaspora"),
    ("governance", "Migration governance", "Gouvernance des migrations"),
]


def themes_load(theme_model) -> int:
    """Create the default themes that do not exist yet (by code). Returns how many were created."""
    created = 0
    for code, english, french in DEFAULT_THEMES:
        _obj, new = theme_model.objects.get_or_create(
            code=code, defaults={"name_en": english, "name_fr": french}
        )
        created += new
    return created
