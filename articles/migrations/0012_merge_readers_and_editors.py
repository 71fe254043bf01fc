from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_editors_autosave_and_versioned_names"),
        ("articles", "0011_search_forgives"),
    ]

    operations = []
