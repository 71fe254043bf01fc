from django.db import migrations, models


def date_files_by_their_article(apps, schema_editor):
    # Files already stored have no upload time of their own: their article's last edit is the
    # best date known for them, and truer than the day of this migration.
    Attachment = apps.get_model("articles", "Attachment")
    Article = apps.get_model("articles", "Article")
    edited = Article.objects.filter(pk=models.OuterRef("article_id")).values("updated_at")
    Attachment.objects.update(updated_at=models.Subquery(edited))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_article_attachments"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.RunPython(date_files_by_their_article, migrations.RunPython.noop),
    ]
