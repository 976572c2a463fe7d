"""Extension points of the case file. Apps to the right of `cases` (assistance, returns,
referrals...) add a section to the case page and sentences to its timeline here, from their
AppConfig.ready(), so that `cases` never imports them (DESIGN.md §3 dependency direction)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CasePanel:
    """A section of the case page: `template` is rendered with `case`, `can_edit` and `panel`, the
    dict that `context(actor=..., case=...)` returns (read through the app's own selectors)."""

    key: str
    template: str
    context: Callable[..., dict]
    order: int = 100


_panels: dict[str, CasePanel] = {}
_timeline_texts: dict[str, Callable[[dict], str]] = {}


def register_case_panel(panel: CasePanel) -> None:
    _panels[panel.key] = panel  # by key: a second ready() (tests, autoreload) replaces, never doubles


def case_panels() -> list[CasePanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


def register_timeline_texts(texts: dict[str, Callable[[dict], str]]) -> None:
    """Event kind → function of the event's data returning a sentence in the active language."""
    _timeline_texts.update(texts)


def timeline_text_for(kind: str) -> Callable[[dict], str] | None:
    return _timeline_texts.get(kind)


# Functions called after every event recorded on a case timeline (`timeline_record`), with the case
# and the event kind. Every write of a service records one, so apps to the right of `cases` follow
# changes without signals: programmes attribute newly registered cases, reports queue the refresh of
# the indicator fact table. A hook runs inside the writing transaction.
_case_event_hooks: dict[str, Callable[..., None]] = {}


def register_case_event_hook(key: str, hook: Callable[..., None]) -> None:
    """`hook(case=..., kind=...)`; by key, so a second ready() replaces rather than doubles."""
    _case_event_hooks[key] = hook


def case_event_hooks() -> list[Callable[..., None]]:
    return [_case_event_hooks[key] for key in sorted(_case_event_hooks)]
