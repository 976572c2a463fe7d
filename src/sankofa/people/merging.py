"""Re-point everything that refers to one person to another, and back. Generic: every foreign key
to Person in any app (cases, assistance, referrals, returns, apps not yet written) is found through
Person._meta, so a merge keeps every history without knowing the apps. Callers check permissions
and record the merge (duplicates.services)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from .models import MatchPair, Person, PersonMerge

# Relations that describe the matching itself, not the person's history: never moved.
NOT_MOVED = {MatchPair, PersonMerge}


def person_relations() -> list[models.ForeignKey]:
    """Every concrete foreign key (or one-to-one) to Person, hidden ones included ("+"), except the
    merge pointer itself and the matching records."""
    fields = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete) or rel.many_to_many:
            continue
        field = rel.field
        if rel.related_model in NOT_MOVED or (rel.related_model is Person and field.name == "merged_into"):
            continue
        fields.append(field)
    return fields


def repoint(*, source: Person, target: Person) -> list[dict]:
    """Move every row referring to `source` to `target`; return what moved, for undoing.
    A one-to-one that `target` already has stays with `source` (it cannot have two)."""
    moved = []
    for field in person_relations():
        model = field.model
        manager = model._base_manager
        rows = manager.filter(**{field.attname: source.pk})
        if field.unique and manager.filter(**{field.attname: target.pk}).exists():
            continue
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            continue
        try:
            with transaction.atomic():
                manager.filter(pk__in=pks).update(**{field.attname: target.pk})
        except IntegrityError as exc:
            raise ValidationError(
                _("These registrations cannot be merged: both appear in the same %(record)s.")
                % {"record": model._meta.verbose_name}
            ) from exc
        moved.append(
            {"model": model._meta.label_lower, "field": field.attname, "pks": [_plain(pk) for pk in pks]}
        )
    return moved


def restore(*, moved: list[dict], source: Person) -> int:
    """Point the rows a merge moved back at `source`. Rows deleted since are simply gone."""
    count = 0
    for entry in moved:
        model = apps.get_model(entry["model"])
        count += model._base_manager.filter(pk__in=entry["pks"]).update(**{entry["field"]: source.pk})
    return count


def _plain(pk):
    return pk if isinstance(pk, int | str) else str(pk)
