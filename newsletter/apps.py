from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"

    def ready(self):
        # What came back (campaign reports, suspended addresses) has admin pages of its own.
        from . import admin_reports  # noqa: F401
