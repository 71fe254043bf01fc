from django.db import migrations


def create_site_settings(apps, schema_editor):
    SiteSettings = apps.get_model("analyst", "SiteSettings")
    SiteSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("analyst", "0001_initial")]

    operations = [migrations.RunPython(create_site_settings, migrations.RunPython.noop)]
