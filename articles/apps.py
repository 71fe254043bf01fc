from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Publication"

    def ready(self):
        from . import search  # noqa: F401 - keeps the search entries in step with the articles
