from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0007_editors_send_campaign_permission"),
        ("newsletter", "0009_link_clicks"),
    ]

    operations = []
