"""Every read of cooperation frameworks, taking the acting user. Programme staff read everything;
partners and outsiders get empty querysets (and therefore 404s)."""

import dataclasses
import datetime

from django.db.models import BooleanField, Case, Count, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sankofa.core.models import Country
from sankofa.programmes.rules import is_programme_staff

from .models import Action, ActionMatrix, Framework, Meeting, Resource, Roadmap, Theme


def frameworks_visible_to(actor) -> QuerySet[Framework]:
    """Every query for frameworks starts here."""
    return Framework.objects.all() if is_programme_staff(actor) else Framework.objects.none()


def actions_visible_to(actor) -> QuerySet[Action]:
    """Every query for actions starts here: actions of the frameworks the actor may read."""
    return Action.objects.filter(framework__in=frameworks_visible_to(actor))


def with_lateness(qs: QuerySet[Action], today: datetime.date | None = None) -> QuerySet[Action]:
    """Annotate `late` (the rule of Action.late_q) so tables can sort late actions first."""
    return qs.annotate(
        late=Case(When(Action.late_q(today), then=True), default=False, output_field=BooleanField())
    )


def _action_rows(qs: QuerySet[Action], today=None) -> QuerySet[Action]:
    return (
        with_lateness(qs, today)
        .select_related("matrix__theme", "priority__country", "framework")
        .prefetch_related("responsible", "supporting")
        .order_by("-late", "due_on", "id")
    )


def framework_list(*, actor, today: datetime.date | None = None) -> QuerySet[Framework]:
    """Frameworks with their number of actions and of late actions."""
    return (
        frameworks_visible_to(actor)
        .prefetch_related("countries")
        .annotate(
            action_count=Count("actions", distinct=True),
            late_count=Count("actions", filter=_prefixed_late_q(today), distinct=True),
        )
    )


def _prefixed_late_q(today) -> Q:
    """Action.late_q seen from a framework (`actions__` prefix), so the rule stays in one place."""

    def prefix(node):
        if isinstance(node, Q):
            clone = node.copy()
            clone.children = [prefix(child) for child in node.children]
            return clone
        key, value = node
        return (f"actions__{key}", value)

    return prefix(Action.late_q(today))


def framework_get(*, actor, pk) -> Framework:
    """One framework; Http404 when it does not exist for the actor."""
    return get_object_or_404(
        frameworks_visible_to(actor).prefetch_related(
            "countries", "institutions", "programmes", "editor_organisations"
        ),
        pk=pk,
    )


def framework_matrices(*, actor, framework: Framework, today=None) -> list[tuple[ActionMatrix, list[Action]]]:
    """The framework's matrices, each with its actions, late ones first."""
    matrices = list(
        ActionMatrix.objects.filter(framework__in=frameworks_visible_to(actor), framework=framework)
        .select_related("theme")
        .prefetch_related("validations")
    )
    return [(m, list(matrix_actions(actor=actor, matrix=m, today=today))) for m in matrices]


def matrix_get(*, actor, pk) -> ActionMatrix:
    return get_object_or_404(
        ActionMatrix.objects.filter(framework__in=frameworks_visible_to(actor)).select_related(
            "framework", "theme"
        ),
        pk=pk,
    )


def matrices_visible_to(actor) -> QuerySet[ActionMatrix]:
    return ActionMatrix.objects.filter(framework__in=frameworks_visible_to(actor)).select_related("theme")


def matrix_actions(*, actor, matrix: ActionMatrix, today=None) -> QuerySet[Action]:
    """Actions of one matrix: late first, then by due date."""
    return _action_rows(actions_visible_to(actor).filter(matrix=matrix), today)


def framework_roadmaps(*, actor, framework: Framework, today=None) -> list[dict]:
    """Roadmaps with their priorities (per country, then cross-country) and each priority's actions."""
    roadmaps = Roadmap.objects.filter(
        framework__in=frameworks_visible_to(actor), framework=framework
    ).prefetch_related("priorities__country", "validations")
    out = []
    for roadmap in roadmaps:
        priorities = []
        for priority in roadmap.priorities.all():
            actions = list(_action_rows(actions_visible_to(actor).filter(priority=priority), today))
            priorities.append({"priority": priority, "actions": actions})
        out.append({"roadmap": roadmap, "priorities": priorities})
    return out


def action_get(*, actor, pk) -> Action:
    """One action (with `late`); Http404 when it does not exist for the actor."""
    return get_object_or_404(_action_rows(actions_visible_to(actor)), pk=pk)


def action_list(
    *,
    actor,
    framework: int | None = None,
    status: str = "",
    late: bool | None = None,
    country: str = "",
    today=None,
) -> QuerySet[Action]:
    qs = actions_visible_to(actor)
    if framework is not None:
        qs = qs.filter(framework_id=framework)
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(_concerns_country(country)).distinct()  # the OR joins the framework's countries
    qs = _action_rows(qs, today)
    if late is not None:
        qs = qs.filter(late=late)
    return qs


def _concerns_country(iso3: str) -> Q:
    """An action concerns a country when its roadmap priority is that country's, or (matrix actions
    and cross-country priorities) when its framework covers the country."""
    return Q(priority__country_id=iso3) | (
        Q(priority__country__isnull=True) & Q(framework__countries__iso3=iso3)
    )


def late_actions(*, actor, country: str = "", today=None) -> QuerySet[Action]:
    """Late actions across every framework the actor may read, optionally for one country."""
    qs = actions_visible_to(actor).filter(Action.late_q(today))
    if country:
        qs = qs.filter(_concerns_country(country)).distinct()
    return _action_rows(qs, today).order_by("due_on", "id")


def countries_of_frameworks(*, actor) -> QuerySet[Country]:
    """Countries covered by a framework the actor may read (the late-actions filter)."""
    ids = Framework.countries.through.objects.filter(framework__in=frameworks_visible_to(actor)).values(
        "country_id"
    )
    return Country.objects.filter(pk__in=ids)


@dataclasses.dataclass
class TimelineRow:
    action: Action
    left: float  # percent of the timeline's width
    width: float
    open_start: bool  # no start date: the bar starts at the beginning of the timeline


@dataclasses.dataclass
class Timeline:
    starts_on: datetime.date
    ends_on: datetime.date
    years: list[tuple[int, float]]  # year, left offset in percent
    today: float | None
    rows: list[TimelineRow]


def framework_timeline(*, actor, framework: Framework, today=None) -> Timeline:
    """A Gantt view of the framework's actions with due dates: each bar from start (or the
    framework's start) to due date, positioned as a percentage of the framework's period."""
    today = today or timezone.localdate()
    actions = list(
        _action_rows(
            actions_visible_to(actor).filter(framework=framework, due_on__isnull=False), today
        ).order_by("matrix_id", "priority_id", "starts_on", "due_on", "id")
    )
    start = min([framework.starts_on, *[a.starts_on for a in actions if a.starts_on]])
    end = max([framework.ends_on, *[a.due_on for a in actions]])
    span = max((end - start).days, 1)

    def pct(day: datetime.date) -> float:
        return round(100 * (day - start).days / span, 2)

    rows = []
    for a in actions:
        left = pct(a.starts_on or start)
        rows.append(TimelineRow(a, left, max(pct(a.due_on) - left, 0.8), a.starts_on is None))
    years = [(y, pct(datetime.date(y, 1, 1))) for y in range(start.year + 1, end.year + 1)]
    return Timeline(start, end, years, pct(today) if start <= today <= end else None, rows)


def meeting_list(*, actor, framework: Framework | None = None) -> QuerySet[Meeting]:
    qs = Meeting.objects.filter(framework__in=frameworks_visible_to(actor)).select_related("framework")
    return qs.filter(framework=framework) if framework is not None else qs


def meeting_get(*, actor, pk) -> Meeting:
    return get_object_or_404(
        meeting_list(actor=actor).prefetch_related(
            "countries", "institutions", "points__responsible", "points__action", "actions"
        ),
        pk=pk,
    )


def resources_visible_to(actor) -> QuerySet[Resource]:
    return Resource.objects.all() if is_programme_staff(actor) else Resource.objects.none()


def resource_search(
    *, actor, q: str = "", kind: str = "", language: str = "", country: str = "", theme: str = ""
) -> QuerySet[Resource]:
    """The resource library, filtered: words of `q` must each appear in the title or summary."""
    qs = resources_visible_to(actor)
    for word in q.split()[:10]:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if kind:
        qs = qs.filter(kind=kind)
    if language:
        qs = qs.filter(language=language)
    if country:
        qs = qs.filter(countries__iso3=country)
    if theme:
        qs = qs.filter(themes__code=theme)
    return qs.distinct().prefetch_related("countries", "themes")


def resource_get(*, actor, pk) -> Resource:
    return get_object_or_404(resources_visible_to(actor), pk=pk)


def theme_list() -> QuerySet[Theme]:
    """Themes are reference data (no scoping)."""
    return Theme.objects.all()


def roadmaps_visible_to(actor) -> QuerySet[Roadmap]:
    return Roadmap.objects.filter(framework__in=frameworks_visible_to(actor))
