"""The editorial roles as groups, each with exactly the permissions it needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view"]
EDIT = ["view", "add", "change"]

CONTRIBUTOR = {
    "article": [*EDIT, "submit"],
    "transition": VIEW,
    "author": VIEW,
    "section": VIEW,
    "tag": VIEW,
    "issue": VIEW,
}
EDITOR = {
    "article": [*EDIT, "submit", "review"],
    "historicalarticle": VIEW,
    "transition": VIEW,
    "previewlink": VIEW,
    "author": EDIT,
    "authorship": EDIT,
    "tag": EDIT,
    "section": VIEW,
    "issue": VIEW,
    "dailyreads": VIEW,
}
MANAGING_EDITOR = {
    **EDITOR,
    "article": [*EDIT, "delete", "submit", "review"],
    "issue": [*EDIT, "publish"],
    "issuepublication": VIEW,
    "section": EDIT,
    "staffpublication": [*EDIT, "delete"],
    "partnersite": [*EDIT, "delete"],
}
ROLES = {"Contributor": CONTRIBUTOR, "Editor": EDITOR, "Managing editor": MANAGING_EDITOR}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{verb}_{model}" for model, verbs in grants.items() for verb in verbs]
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_log_revisions_previews"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
