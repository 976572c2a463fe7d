from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sankofa.people"
    label = "people"
    verbose_name = "People"
