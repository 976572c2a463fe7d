"""Batch duplicate detection: a Fellegi–Sunter model trained without labels (Splink on DuckDB).

The model compares the forms `people.names` computes, so the batch job and the registration check
agree on what a name variant is: canonical first and family names (Mamadou = Mohamed, Jalloh =
Diallo), the set of canonical keys of every name word (swapped names, Arabic script), the birth
year (estimated dates move by a year), sex, nationality, phone and document numbers.

Training: u probabilities from random pairs, m probabilities by expectation maximisation on two
blocking rules (one leaves names free, the other leaves birth dates free), the prior from
deterministic rules. Nothing is downloaded; DuckDB runs in process, in memory. The same settings
run on Splink's Spark backend (`splink.SparkAPI`) when one machine is not enough: see
docs/matching.md.

`plain=True` gives the baseline the bench compares against: the same data and training with
Splink's stock name comparisons on the raw folded names, without our variants.
"""

import dataclasses
import datetime
import logging
from collections.abc import Callable, Iterable

from . import names

logger = logging.getLogger(__name__)

COLUMNS = (
    "unique_id",
    "first_name",
    "surname",
    "full_name",
    "first_canon",
    "surname_canon",
    "name_canon",
    "canons",
    "dob",
    "birth_year",
    "sex",
    "nationality",
    "phone",
    "document",
)


@dataclasses.dataclass(frozen=True)
class PersonRow:
    """What the batch job compares of one person (built from the database or from a bench file)."""

    id: int
    given_name: str = ""
    family_name: str = ""
    given_name_original: str = ""
    family_name_original: str = ""
    sex: str = ""
    date_of_birth: datetime.date | None = None
    nationality: str = ""
    phone: str = ""
    documents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def _first(words: list[names.Word]) -> names.Word | None:
    return words[0] if words else None


def features(row: PersonRow) -> dict:
    """One person as a row of the linkage table."""
    given = names.name_words(row.given_name) or names.name_words(row.given_name_original)
    family = names.name_words(row.family_name) or names.name_words(row.family_name_original)
    every = names.name_words(
        row.given_name, row.family_name, row.given_name_original, row.family_name_original, *row.aliases
    )
    g, f = _first(given), _first(family)
    full = " ".join(filter(None, (names.fold(row.given_name), names.fold(row.family_name))))
    phone = names.normalise_phone(row.phone)
    documents = sorted(filter(None, (names.normalise_document_number(d) for d in row.documents)))
    return {
        "unique_id": row.id,
        "first_name": g.text if g else None,
        "surname": " ".join(w.text for w in family) or None,
        "full_name": full or None,
        "first_canon": names.canonical(g) if g else None,
        "surname_canon": names.canonical(f) if f else None,
        "name_canon": f"{names.canonical(g)} {names.canonical(f)}" if g and f else None,
        "canons": sorted({names.canonical(w) for w in every}) or None,
        "dob": row.date_of_birth.isoformat() if row.date_of_birth else None,
        "birth_year": row.date_of_birth.year if row.date_of_birth else None,
        "sex": row.sex if row.sex in ("F", "M") else None,
        "nationality": row.nationality or None,
        "phone": phone if len(phone) >= 6 else None,
        "document": documents[0] if documents else None,
    }


def _name_comparison(plain: bool):
    import splink.comparison_library as cl

    if plain:
        return cl.NameComparison("full_name")
    null = "full_name_l IS NULL AND canons_l IS NULL OR full_name_r IS NULL AND canons_r IS NULL"
    both = "name_canon_l = name_canon_r"
    return cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            {"sql_condition": null, "label_for_charts": "null", "is_null_level": True},
            {"sql_condition": "full_name_l = full_name_r", "label_for_charts": "exact"},
            # Term frequency: "Mamadou Diallo" twice says less than "Tiémoko Sangaré" twice.
            {
                "sql_condition": both,
                "label_for_charts": "variant",
                "tf_adjustment_column": "name_canon",
                "tf_adjustment_weight": 1.0,
            },
            {
                "sql_condition": "len(list_intersect(canons_l, canons_r)) >= 2",
                "label_for_charts": "two words (swapped, other script, extra names)",
            },
            {
                "sql_condition": "jaro_winkler_similarity(full_name_l, full_name_r) >= 0.92",
                "label_for_charts": "similar spelling",
            },
            {"sql_condition": "len(list_intersect(canons_l, canons_r)) = 1", "label_for_charts": "one word"},
            {"sql_condition": "ELSE", "label_for_charts": "else"},
        ],
    )


def settings(*, plain: bool = False, prior: float = 1e-4):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    dob = cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            {
                "sql_condition": "dob_l IS NULL OR dob_r IS NULL",
                "label_for_charts": "null",
                "is_null_level": True,
            },
            {"sql_condition": "dob_l = dob_r", "label_for_charts": "same date"},
            {"sql_condition": "abs(birth_year_l - birth_year_r) <= 1", "label_for_charts": "year ±1"},
            {"sql_condition": "abs(birth_year_l - birth_year_r) <= 2", "label_for_charts": "year ±2"},
            {"sql_condition": "ELSE", "label_for_charts": "else"},
        ],
    )
    if plain:
        blocking = [
            block_on("first_name", "surname"),
            block_on("surname", "birth_year"),
            block_on("phone"),
            block_on("document"),
        ]
    else:
        # Equi-joins only: "same names and |years| <= 2" would hash-join on the names alone, and
        # 4,000 "Mohamed Diallo" at a million people are 8 M pairs before the year filter.
        blocking = [
            block_on("name_canon", "birth_year"),
            "l.name_canon = r.name_canon AND l.birth_year = r.birth_year + 1",
            "l.name_canon = r.name_canon AND l.birth_year + 1 = r.birth_year",
            # Fallbacks for a name word the variant data does not know: the other name and the
            # exact date (by year, 38,000 Diallos at a million people are 12 M pairs).
            block_on("surname_canon", "dob"),
            block_on("first_canon", "dob"),
            "l.first_canon = r.surname_canon AND l.surname_canon = r.first_canon",  # swapped
            block_on("phone"),
            block_on("document"),
        ]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=[
            _name_comparison(plain),
            dob,
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("document"),
        ],
        blocking_rules_to_generate_predictions=blocking,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


@dataclasses.dataclass
class Result:
    pairs: list[tuple[int, int, float, dict]]  # (id_l, id_r, probability, comparison levels)
    clusters: dict[int, int]  # person id -> cluster id, for people in a pair at or above the cut
    summary: dict


def link(
    rows: Iterable[PersonRow],
    *,
    threshold: float = 0.5,
    cluster_at: float = 0.95,
    plain: bool = False,
    progress: Callable[[int, str], None] = lambda percent, stage: None,
    seed: int = 1,
) -> Result:
    """Score every blocked pair of people, train the model first, cluster at `cluster_at`. Pairs
    below `threshold` are not returned."""
    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)  # untrained-level notes are expected on small data
    progress(5, "preparing")
    table: dict[str, list] = {c: [] for c in COLUMNS}
    count = 0
    for row in rows:
        for key, value in features(row).items():
            table[key].append(value)
        count += 1
    summary = {"people": count, "plain": plain}
    if count < 2:
        return Result([], {}, summary)
    db_api = DuckDBAPI()
    frame = db_api.register(table, table_name="people")
    linker = Linker(frame, settings(plain=plain), log_level=logging.ERROR)
    progress(20, "training")
    deterministic = [block_on("document"), block_on("phone", "birth_year")]
    try:
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.6)
    except Exception:  # too few exact matches to estimate from: keep the default prior
        logger.info("prior not estimated; default kept")
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2e6, count * 40), seed=seed)
    sample = 1.0 if count < 50_000 else max(0.05, 50_000 / count)
    # Pairs sharing a phone, or a document, are mostly the same person: they teach how names and
    # birth dates of one person vary; pairs sharing names and birth year teach the identifiers.
    # (One rule "phone OR document" would be a nested-loop join: never OR in a blocking rule.)
    em_rules = (
        [block_on("first_name", "surname"), block_on("birth_year", "sex")]
        if plain
        else [block_on("phone"), block_on("document"), block_on("first_canon", "surname_canon", "birth_year")]
    )
    for rule in em_rules:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, record_sample_proportion=sample
            )
        except Exception as exc:  # small data may leave a level untrained; predictions still come
            logger.info("EM on %s skipped: %s", rule, exc)
    progress(50, "scoring")
    predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    progress(75, "clustering")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=cluster_at
    )
    levels = [c for c in predictions.columns_escaped if c.strip('"').startswith("gamma_")]
    select = ", ".join(["unique_id_l", "unique_id_r", "match_probability", *levels])
    con = db_api.duckdb_con
    rows_out = con.execute(f"SELECT {select} FROM {predictions.physical_name}").fetchall()
    names_of_levels = [c.strip('"')[len("gamma_") :] for c in levels]
    pairs = [
        (int(r[0]), int(r[1]), float(r[2]), dict(zip(names_of_levels, r[3:], strict=True))) for r in rows_out
    ]
    in_pair = {p for a, b, prob, _ in pairs if prob >= cluster_at for p in (a, b)}
    cluster_rows = con.execute(f"SELECT unique_id, cluster_id FROM {clusters.physical_name}").fetchall()
    cluster_ids: dict = {}
    clustered = {}
    for uid, cid in cluster_rows:
        if int(uid) in in_pair:
            clustered[int(uid)] = cluster_ids.setdefault(cid, len(cluster_ids) + 1)
    summary.update(
        pairs=len(pairs),
        clusters=len(cluster_ids),
        prior=linker._settings_obj._probability_two_random_records_match,
        weights=model_weights(linker),
    )
    progress(90, "saving")
    return Result(pairs, clustered, summary)


def model_weights(linker) -> dict:
    """The trained m and u of every comparison level (shown on the run page and in the bench)."""
    out = {}
    for comparison in linker._settings_obj.comparisons:
        levels = {}
        for level in comparison.comparison_levels:
            if level.is_null_level:
                continue
            m, u = level.m_probability, level.u_probability
            levels[level.label_for_charts] = {
                "m": round(m, 6) if m is not None else None,
                "u": round(u, 8) if u is not None else None,
            }
        out[comparison.output_column_name] = levels
    return out


def rows_from_database(*, chunk: int = 20_000) -> Iterable[PersonRow]:
    """Every person not merged into another, with aliases and document numbers, in id order
    (keyset chunks: constant memory per chunk, no OFFSET)."""
    from .models import IdentityDocument, Person, PersonAlias

    last = 0
    while True:
        people = list(
            Person.objects.filter(pk__gt=last, merged_into__isnull=True)
            .order_by("pk")
            .values_list(
                "pk",
                "given_name",
                "family_name",
                "given_name_original",
                "family_name_original",
                "sex",
                "date_of_birth",
                "nationality_id",
                "phone",
            )[:chunk]
        )
        if not people:
            return
        low, high = people[0][0], people[-1][0]
        documents: dict[int, list[str]] = {}
        for pid, number in IdentityDocument.objects.filter(
            person_id__gte=low, person_id__lte=high
        ).values_list("person_id", "number"):
            documents.setdefault(pid, []).append(number)
        aliases: dict[int, list[str]] = {}
        for pid, name in PersonAlias.objects.filter(person_id__gte=low, person_id__lte=high).values_list(
            "person_id", "name"
        ):
            aliases.setdefault(pid, []).append(name)
        for pk, given, family, given_o, family_o, sex, dob, nationality, phone in people:
            yield PersonRow(
                pk,
                given,
                family,
                given_o,
                family_o,
                sex,
                dob,
                nationality or "",
                phone,
                tuple(documents.get(pk, ())),
                tuple(aliases.get(pk, ())),
            )
        last = high
