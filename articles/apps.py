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
        from .site import freshness

        index.connect_signals()
        pre_create_historical_record.connect(
            revisions.keep_names, sender=models.Article.history.model, dispatch_uid="version-names"
        )
        workflow.article_moved.connect(notifications.article_moved, dispatch_uid="notify-moves")
        freshness.connect_signals()
        pagecache.forget_pages_on_change(
            models.Section, models.PartnerSite, models.StaffPublication
        )
        pagecache.watch_schedule(models.next_public_change)
