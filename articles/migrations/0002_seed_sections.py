from django.db import migrations

SECTIONS = [
    {
        "name": "Analytical Articles",
        "slug": "analytical-articles",
        "position": 1,
        "structured": True,
        "description": "Analysis of one development, in three parts: its background, "
        "its implications, and our conclusions.",
    },
    {
        "name": "Field Reports",
        "slug": "field-reports",
        "position": 2,
        "structured": False,
        "description": "Reporting from the region by those who are there.",
    },
    {
        "name": "News Digest",
        "slug": "news-digest",
        "position": 3,
        "structured": False,
        "description": "The fortnight's news in brief.",
    },
]


def create_sections(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    for section in SECTIONS:
        Section.objects.get_or_create(slug=section["slug"], defaults=section)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
