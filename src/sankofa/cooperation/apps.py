from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "sankofa.cooperation"
    label = "cooperation"
    verbose_name = "Cooperation"
