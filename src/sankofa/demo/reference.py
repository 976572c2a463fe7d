"""The world the generated data lives in: organisations, offices, migration routes, places,
phone and document number formats. Plain data, read by demo.services and demo.generator.

Routes follow the corridors of the West and Central Mediterranean and Atlantic routes through the
Sahel (Mali, Burkina Faso and Niger to Libya and Algeria; Algeria to Morocco and Tunisia; Sudan
and Chad to Libya). They are plausible, not statistics.
"""

IOM = "IOM"

# (name, kind, country): partner organisations; fictional, so nobody mistakes demo data for real referrals.
PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("Ministère de l'Intérieur — Direction de la Protection Civile (Niger)", "government", "NER"),
    ("Réseau Entraide Sahel", "ngo", "NER"),
    ("Santé Pour Tous Agadez", "ngo", "NER"),
    ("Association des Retournés de Guinée", "cso", "GIN"),
)
PARTNER_NGO = "Réseau Entraide Sahel"

# code -> (name, kind, country, city). The regional office covers every other IOM office.
OFFICES: dict[str, tuple[str, str, str, str]] = {
    "NER": ("Niger — Niamey", "transit", "NER", "Niamey"),
    "NER-AGZ": ("Niger — Agadez", "transit", "NER", "Agadez"),
    "LBY": ("Libya — Tripoli", "transit", "LBY", "Tripoli"),
    "MAR": ("Morocco — Rabat", "transit", "MAR", "Rabat"),
    "TUN": ("Tunisia — Tunis", "transit", "TUN", "Tunis"),
    "MLI": ("Mali — Bamako", "transit", "MLI", "Bamako"),
    "CIV": ("Côte d'Ivoire — Abidjan", "origin", "CIV", "Abidjan"),
    "GIN": ("Guinea — Conakry", "origin", "GIN", "Conakry"),
    "SEN": ("Senegal — Dakar", "origin", "SEN", "Dakar"),
    "NGA": ("Nigeria — Lagos", "origin", "NGA", "Lagos"),
    "ETH": ("Ethiopia — Addis Ababa", "origin", "ETH", "Addis Ababa"),
    "CMR": ("Cameroon — Yaoundé", "origin", "CMR", "Yaoundé"),
    "GMB": ("Gambia — Banjul", "origin", "GMB", "Banjul"),
    "RO-DKR": ("Regional Office for West and Central Africa — Dakar", "regional", "SEN", "Dakar"),
}
REGIONAL = "RO-DKR"
# The partner NGO's own office, so that its staff have a membership; not covered by the regional office.
PARTNER_OFFICE = ("RES-NER", "Réseau Entraide Sahel — Niamey", "transit", "NER")

# Nationality mix of the caseload (ISO alpha-3 -> weight).
NATIONALITY_WEIGHTS: dict[str, int] = {
    "GIN": 16, "CIV": 12, "MLI": 12, "NGA": 12, "SEN": 9, "GMB": 8, "CMR": 8, "BFA": 4,
    "ETH": 4, "SDN": 4, "TCD": 2, "ERI": 1,
}  # fmt: skip

# Where people of a region are registered: owning office code -> weight. "origin" means the office
# in their own country, if there is one (spontaneous returnees registered on arrival).
_WEST = {"NER": 30, "NER-AGZ": 18, "LBY": 15, "MAR": 12, "TUN": 8, "MLI": 12, "origin": 5}
OFFICE_WEIGHTS: dict[str, dict[str, int]] = {
    "GIN": _WEST, "SEN": _WEST, "GMB": _WEST, "CIV": _WEST, "BFA": _WEST,
    "MLI": {"NER": 35, "NER-AGZ": 25, "LBY": 15, "MAR": 15, "TUN": 5, "origin": 0},
    "NGA": {"NER": 35, "NER-AGZ": 25, "LBY": 25, "MAR": 5, "TUN": 5, "MLI": 2, "origin": 3},
    "CMR": {"NER": 25, "NER-AGZ": 15, "LBY": 20, "MAR": 20, "TUN": 15, "MLI": 2, "origin": 3},
    "ETH": {"LBY": 55, "NER": 12, "NER-AGZ": 15, "TUN": 15, "origin": 3},
    "ERI": {"LBY": 60, "NER-AGZ": 15, "TUN": 25},
    "SDN": {"LBY": 55, "NER": 15, "NER-AGZ": 15, "TUN": 15},
    "TCD": {"LBY": 50, "NER": 25, "NER-AGZ": 25},
}  # fmt: skip

# Where someone goes next after being registered at one office and not returning (re-registrations).
NEXT_OFFICE: dict[str, tuple[str, ...]] = {
    "NER-AGZ": ("NER", "LBY"),
    "NER": ("NER-AGZ", "LBY", "MLI"),
    "LBY": ("NER-AGZ", "TUN", "NER"),
    "MAR": ("MLI", "TUN"),
    "TUN": ("LBY", "MAR"),
    "MLI": ("NER", "NER-AGZ", "MAR"),
}

# From a nationality to the Sahel: the countries crossed first (one option is drawn).
ROUTE_HEADS: dict[str, tuple[tuple[str, ...], ...]] = {
    "GIN": (("GIN", "MLI"), ("GIN", "MLI"), ("GIN", "SEN", "MLI")),
    "SEN": (("SEN", "MLI"),),
    "GMB": (("GMB", "SEN", "MLI"), ("GMB", "MLI")),
    "CIV": (("CIV", "MLI"), ("CIV", "BFA")),
    "MLI": (("MLI",),),
    "BFA": (("BFA",),),
    "NGA": (("NGA",),),
    "CMR": (("CMR", "NGA"), ("CMR", "TCD")),
    "ETH": (("ETH", "SDN"),),
    "ERI": (("ERI", "SDN"),),
    "SDN": (("SDN",),),
    "TCD": (("TCD",),),
}
# Other heads for one nationality going to one office country (Senegal to Morocco through Mauritania).
ROUTE_HEADS_TO: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("SEN", "MAR"): (("SEN",), ("SEN", "MLI")),
    ("GMB", "MAR"): (("GMB", "SEN"),),
}
# From the last country of the head to the office country.
ROUTE_TAILS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "NER": {"SDN": (("TCD", "NER"),), "*": (("NER",),)},
    "LBY": {"SDN": (("LBY",), ("TCD", "LBY")), "TCD": (("LBY",), ("NER", "LBY")), "*": (("NER", "LBY"),)},
    "MAR": {"MLI": (("DZA", "MAR"),), "SEN": (("MRT", "MAR"),), "*": (("NER", "DZA", "MAR"),)},
    "TUN": {
        "MLI": (("DZA", "TUN"), ("NER", "LBY", "TUN")),
        "SDN": (("LBY", "TUN"),),
        "*": (("NER", "LBY", "TUN"), ("DZA", "TUN")),
    },
    "MLI": {"MLI": ((),), "*": (("MLI",),)},
}
# Côte d'Ivoire and Cameroon nationals often fly to Tunis (no visa needed), then stay.
FLIGHTS_TO: dict[str, tuple[str, ...]] = {"TUN": ("CIV", "CMR", "GIN")}

PLACES: dict[str, tuple[str, ...]] = {
    "GIN": ("Conakry", "Labé", "Kankan", "Mamou", "Kindia", "Nzérékoré", "Pita"),
    "SEN": ("Dakar", "Kolda", "Tambacounda", "Touba", "Ziguinchor", "Kaolack", "Saint-Louis"),
    "GMB": ("Serekunda", "Brikama", "Banjul", "Farafenni", "Basse"),
    "CIV": ("Abidjan", "Daloa", "Bouaké", "San-Pédro", "Yamoussoukro", "Korhogo", "Man"),
    "MLI": ("Bamako", "Gao", "Kayes", "Sikasso", "Ségou", "Mopti"),
    "BFA": ("Ouagadougou", "Bobo-Dioulasso", "Koudougou", "Tenkodogo"),
    "NGA": ("Benin City", "Lagos", "Kano", "Abuja", "Enugu", "Ibadan", "Onitsha"),
    "CMR": ("Douala", "Yaoundé", "Bamenda", "Bafoussam", "Garoua", "Maroua"),
    "ETH": ("Addis Ababa", "Hosaena", "Jimma", "Dessie", "Adama", "Gondar"),
    "ERI": ("Asmara", "Keren", "Mendefera"),
    "SDN": ("Khartoum", "Omdurman", "El Fasher", "Nyala", "Kassala", "Port Sudan"),
    "TCD": ("N'Djamena", "Abéché", "Faya-Largeau", "Moundou"),
    "NER": ("Agadez", "Niamey", "Arlit", "Zinder", "Dirkou"),
    "LBY": ("Sabha", "Tripoli", "Bani Walid", "Zuwara", "Misrata", "Kufra", "Qatrun"),
    "DZA": ("Tamanrasset", "Algiers", "Oran", "Maghnia", "In Guezzam"),
    "MAR": ("Oujda", "Rabat", "Tangier", "Casablanca", "Nador", "Fès"),
    "TUN": ("Sfax", "Tunis", "Sousse", "Zarzis", "Médenine"),
    "MRT": ("Nouakchott", "Nouadhibou", "Rosso"),
}

# Intended destination by the office country: ISO alpha-3 -> weight.
DESTINATIONS: dict[str, dict[str, int]] = {
    "NER": {"LBY": 40, "DZA": 25, "ITA": 18, "FRA": 10, "DEU": 4, "ESP": 3},
    "LBY": {"ITA": 55, "LBY": 15, "FRA": 12, "DEU": 10, "MLT": 4, "ESP": 4},
    "MAR": {"ESP": 60, "FRA": 25, "MAR": 6, "BEL": 5, "ITA": 4},
    "TUN": {"ITA": 60, "FRA": 22, "TUN": 8, "DEU": 6, "BEL": 4},
    "MLI": {"DZA": 35, "LBY": 20, "ESP": 18, "FRA": 12, "ITA": 10, "MAR": 5},
    "*": {"ITA": 35, "ESP": 20, "FRA": 20, "LBY": 15, "DZA": 10},
}

REASON_WEIGHTS = {"economic": 70, "family": 8, "education": 5, "conflict": 10, "environment": 3, "other": 4}
REASON_DETAILS = {
    "economic": ("Looking for work", "No income for the family", "Crop failure, debts", "Work promised"),
    "family": ("Joining a relative", "Family pressure to leave", "Marriage"),
    "education": ("Studies abroad", "Vocational training"),
    "conflict": ("Insecurity in home area", "Armed conflict", "Threats against the family"),
    "environment": ("Drought", "Floods destroyed the house", "Land degradation"),
    "other": ("Did not say", "Personal reasons"),
}

# Phone formats: country -> (calling code, pattern, operator prefixes); "{p}" is a prefix, "#" a digit.
PHONES: dict[str, tuple[str, str, str]] = {
    "GIN": ("+224", "{p} ## ## ##", "620 621 622 624 625 628 655 660 661 664 666"),
    "SEN": ("+221", "{p} ### ## ##", "70 76 77 78 75"),
    "MLI": ("+223", "{p} ## ## ##", "65 66 70 74 76 78 79 90 92"),
    "CIV": ("+225", "{p} ## ## ## ##", "01 05 07"),
    "GMB": ("+220", "{p}## ####", "2 3 5 6 7 9"),
    "BFA": ("+226", "{p} ## ## ##", "60 65 70 71 74 75 76 78"),
    "NGA": ("+234", "{p} ### ####", "803 806 813 816 703 706 810 814 903 805 807 815"),
    "CMR": ("+237", "{p} ## ## ##", "650 651 655 670 671 677 680 690 697"),
    "ETH": ("+251", "{p} ### ####", "91 92 93 94 70"),
    "ERI": ("+291", "{p} ### ###", "7"),
    "SDN": ("+249", "{p} ### ####", "90 91 92 96 99 12"),
    "TCD": ("+235", "{p} ## ## ##", "63 65 66 90 99"),
    "NER": ("+227", "{p} ## ## ##", "90 91 92 93 94 96 97 98 99"),
    "LBY": ("+218", "{p} ### ####", "91 92 94 95"),
    "MAR": ("+212", "{p}## ## ## ##", "6 7"),
    "TUN": ("+216", "{p} ### ###", "20 22 50 52 55 92 98"),
}  # fmt: skip

# Document number patterns: "A" a letter, "9" a digit, anything else literal. Plausible shapes only.
DOCUMENTS: dict[str, dict[str, str]] = {
    "GIN": {"passport": "R9999999", "national_id": "999999999999"},
    "SEN": {"passport": "A99999999", "national_id": "9 999 9999 99999"},
    "MLI": {"passport": "AA9999999", "national_id": "99999999999999A"},
    "CIV": {"passport": "99AA99999", "national_id": "CI999999999"},
    "GMB": {"passport": "PC999999", "national_id": "999999999"},
    "BFA": {"passport": "B9999999", "national_id": "B99999999"},
    "NGA": {"passport": "A99999999", "national_id": "99999999999"},
    "CMR": {"passport": "AA999999", "national_id": "999999999"},
    "ETH": {"passport": "EP9999999", "national_id": "9999 9999 9999"},
    "ERI": {"passport": "P9999999", "national_id": "999999"},
    "SDN": {"passport": "P99999999", "national_id": "999-9999-9999"},
    "TCD": {"passport": "A99999999", "national_id": "999999999999"},
    "*": {"consular_card": "{host}/{yy}/99999", "birth_certificate": "999/{yy}"},
}

LANGUAGE_FOR_OFFICE = {"NER": "fra", "MLI": "fra", "MAR": "fra", "TUN": "fra", "LBY": "ara"}

FLAG_NOTES: dict[str, tuple[str, ...]] = {
    "uasc": ("Best-interests assessment to be scheduled.", "Placed in interim care.", ""),
    "child_with_family": ("",),
    "vot_presumed": ("Indicators noted at screening; referred for assessment.", "Referred to protection."),
    "survivor_violence": ("Psychosocial support offered.", "Referred for medical and psychosocial care.", ""),
    "serious_medical": ("Referred for medical examination.", "Needs follow-up before travel.", ""),
    "mental_health": ("Referred for psychosocial support.", "Follow-up by MHPSS team.", ""),
    "disability": ("Mobility aid needed for travel.", ""),
    "older_person": ("",),
    "pregnant_lactating": ("Antenatal care referral.", ""),
}
