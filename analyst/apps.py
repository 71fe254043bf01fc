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
        from . import models, pagecache

        pagecache.forget_pages_on_change(models.SiteSettings)
