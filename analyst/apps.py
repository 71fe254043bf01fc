from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AnalystAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "analyst.admin_site.AnalystAdminSite"


class AnalystConfig(AppConfig):
    default = True
    name = "analyst"
    verbose_name = "Site"

    def ready(self):
        from articles import models as articles

        from . import models, pagecache

        pagecache.forget_pages_on_change(
            articles.Article,
            articles.Authorship,
            articles.Author,
            articles.Issue,
            articles.Section,
            articles.Tag,
            articles.PartnerSite,
            articles.StaffPublication,
            models.SiteSettings,
            relations=[articles.Article.tags.through],
        )
