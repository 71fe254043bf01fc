from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Publication"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from analyst import pagecache

        from . import models
        from .models import workflow
        from .publishing import notifications, revisions
        from .search import index

        index.connect_signals()
        pre_create_historical_record.connect(
            revisions.keep_names, sender=models.Article.history.model, dispatch_uid="version-names"
        )
        workflow.article_moved.connect(notifications.article_moved, dispatch_uid="notify-moves")
        pagecache.forget_pages_on_change(
            models.Article,
            models.Authorship,
            models.Author,
            models.Issue,
            models.Section,
            models.Tag,
            models.PartnerSite,
            models.StaffPublication,
            relations=[models.Article.tags.through],
        )
        pagecache.watch_schedule(models.next_public_change)
