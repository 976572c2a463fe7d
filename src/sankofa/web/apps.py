from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sankofa.web"
    label = "web"
    verbose_name = "Web"
