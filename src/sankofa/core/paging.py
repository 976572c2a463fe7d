"""The one pager of long lists (case list, access log, referrals, partner portal)."""

from django.db.models import QuerySet

from sankofa.core.parsing import positive_int

PAGE_SIZE = 25


def keyset_page(request, qs: QuerySet, page_size: int = PAGE_SIZE) -> dict:
    """One page, newest first, without COUNT(*) (fast on a million rows): the rows, the cursor of
    the next page and the query string to carry the filters along (web/_pager.html)."""
    before = positive_int(request.GET.get("before", ""), limit=2**63 - 1)
    if before is not None:
        qs = qs.filter(pk__lt=before)
    rows = list(qs[: page_size + 1])
    query = request.GET.copy()
    query.pop("before", None)
    return {
        "rows": rows[:page_size],
        "next_before": rows[page_size - 1].pk if len(rows) > page_size else None,
        "query": query.urlencode(),
        "paged": "before" in request.GET,
    }
