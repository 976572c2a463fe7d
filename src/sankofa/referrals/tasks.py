"""Background jobs of the referral mechanism; they only call services."""

from django_tasks import task

from . import services


@task()
def referral_notify_task(*, referral_id: int) -> int:
    return services.referral_notify(referral_id=referral_id)
