"""Campaign reports and suspended addresses in the admin, and who among the staff sees them.

Editors and managing editors read the reports and the suspended addresses, and may reactivate
one; the permissions are added to their groups, whatever else those groups hold.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    "view_campaignreport",
    "view_suspendedaddress",
    "view_deliveryreport",
    "reactivate_suspendedaddress",
]
ROLES = ["Editor", "Managing editor"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="newsletter", codename__in=GRANTS
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="newsletter", codename__in=GRANTS
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0007_bounces_and_complaints"),
        ("articles", "0004_workflow_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="CampaignReport",
            fields=[],
            options={
                "verbose_name": "campaign report",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("newsletter.campaign",),
        ),
        migrations.CreateModel(
            name="SuspendedAddress",
            fields=[],
            options={
                "verbose_name": "suspended address",
                "verbose_name_plural": "suspended addresses",
                "permissions": [
                    ("reactivate_suspendedaddress", "Can reactivate a suspended address")
                ],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("newsletter.subscriber",),
        ),
        migrations.RunPython(grant, revoke),
    ]
