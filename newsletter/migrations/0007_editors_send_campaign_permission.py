"""Sending a campaign is a permission of its own; Managing editors have it, Editors prepare.

The roles (groups) are made by articles' 0004_workflow_roles; this adds their newsletter
permissions: Editors may prepare and test campaigns, Managing editors also send them and look
after the subscribers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PREPARE = {"campaign": ["view", "add", "change"], "campaignevent": ["view"]}
GRANTS = {
    "Editor": PREPARE,
    "Managing editor": {
        **PREPARE,
        "campaign": ["view", "add", "change", "send"],
        "delivery": ["view"],
        "subscriber": ["view", "change"],
        "subscriberevent": ["view"],
    },
}


def codename(verb, model):
    return "send_campaign" if verb == "send" else f"{verb}_{model}"


def grant(apps, schema_editor):
    newsletter = apps.get_app_config("newsletter")
    newsletter.models_module = True
    create_permissions(newsletter, apps=apps, verbosity=0)
    newsletter.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [codename(verb, model) for model, verbs in grants.items() for verb in verbs]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="newsletter", codename__in=codenames)
        )


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="newsletter"))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0006_subscriber_confirmation_delivery"),
        ("articles", "0004_workflow_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="campaign",
            options={
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    ("send_campaign", "Can send campaigns to every confirmed subscriber")
                ],
            },
        ),
        migrations.RunPython(grant, take_back),
    ]
