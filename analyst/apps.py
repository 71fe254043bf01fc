from django.apps import AppConfig


class AnalystConfig(AppConfig):
    name = "analyst"
    verbose_name = "Site"

    def ready(self):
        from . import sitewide  # noqa: F401  (connects cache invalidation)
