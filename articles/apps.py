from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Publication"

    def ready(self):
        from analyst import pagecache

        from . import models
        from .models import workflow
        from .publishing import notifications
        from .search import index
        from .site import freshness

        index.connect_signals()
        workflow.article_moved.connect(notifications.article_moved, dispatch_uid="notify-moves")
        freshness.connect_signals()
        pagecache.forget_pages_on_change(
            models.Section, models.PartnerSite, models.StaffPublication
        )
        pagecache.watch_schedule(models.next_public_change)
