"""Statistical disclosure control, in ONE place (docs/indicators.md, "Disclosure control").

Every count that leaves Sankofa in an aggregated output (dashboard figures and breakdowns, map,
monthly trend, XLSX/CSV/PDF exports, API indicator values) passes through `protect()`:

1. a cell with fewer than `SANKOFA_SDC_THRESHOLD` (default 5) is suppressed (published as None,
   shown as "<5"); a zero stays zero (an empty cell reveals nobody);
2. every other cell, totals included, is rounded to the nearest multiple of `SANKOFA_SDC_BASE`
   (default 5), rounding half up, never below the threshold.

Totals are computed from the records, then rounded like any cell, never summed from rounded
cells. As every published value is only known to ±base/2, a suppressed cell cannot be recovered
by subtracting the published cells from the published total."""

from django.conf import settings


def threshold() -> int:
    return getattr(settings, "SANKOFA_SDC_THRESHOLD", 5)


def base() -> int:
    return getattr(settings, "SANKOFA_SDC_BASE", 5)


def protect(value: int | None) -> int | None:
    """One published count: 0 stays 0, 1..threshold-1 becomes None, others are rounded to `base`."""
    if not value:
        return 0
    if value < threshold():
        return None
    step = base()
    rounded = ((value + step // 2) // step) * step if step > 1 else value
    return max(rounded, threshold())


def protect_cells(cells: dict) -> dict:
    """Protect every cell of a breakdown (same rule for each)."""
    return {key: protect(value) for key, value in cells.items()}


def shown(value: int | None) -> str:
    """How a protected value reads in a table: '<5' when suppressed."""
    return f"<{threshold()}" if value is None else str(value)
