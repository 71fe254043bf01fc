from django.db import migrations, models

import newsletter.addresses


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_hardening_campaign_event_detail"),
    ]

    operations = [
        migrations.AlterField(
            model_name="subscriber",
            name="email",
            field=models.EmailField(
                max_length=254, validators=[newsletter.addresses.validate_address]
            ),
        ),
    ]
