"""Search entries for every article; on PostgreSQL a weighted vector in a GIN index.

The index and the vector are PostgreSQL's own: on any other database the operations that need
them do nothing, so the same migrations run on a laptop's SQLite.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

PARTS = ("background", "implications", "conclusions")


class AddIndexOnPostgres(migrations.AddIndex):
    """AddIndex that creates the index only on PostgreSQL (the model state has it everywhere)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_entries(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Authorship = apps.get_model("articles", "Authorship")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    db = schema_editor.connection.alias
    names = {}
    for article_id, name in (
        Authorship.objects.using(db)
        .order_by("article_id", "position")
        .values_list("article_id", "author__name")
    ):
        names.setdefault(article_id, []).append(name)
    for article_id, name in (
        Article.tags.through.objects.using(db)
        .order_by("tag__name")
        .values_list("article_id", "tag__name")
    ):
        names.setdefault(article_id, []).append(name)
    SearchEntry.objects.using(db).bulk_create(
        [
            SearchEntry(article_id=pk, names=" ".join(names.get(pk, [])))
            for pk in Article.objects.using(db).values_list("pk", flat=True)
        ],
        batch_size=500,
    )
    if schema_editor.connection.vendor != "postgresql":
        return
    own = (
        SearchVector("title", weight="A", config="english")
        + SearchVector(
            Coalesce(NullIf("teaser", Value("", output_field=TextField())), "derived_teaser"),
            weight="B",
            config="english",
        )
        + SearchVector("body", *PARTS, weight="C", config="english")
    )
    article = (
        Article.objects.using(db)
        .filter(pk=OuterRef("pk"))
        .annotate(vector=own)
        .values("vector")[:1]
    )
    SearchEntry.objects.using(db).update(vector=Subquery(article))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_searchentry SET vector = coalesce(vector, ''::tsvector) "
            "|| setweight(to_tsvector('english'::regconfig, coalesce(names, '')), 'B')"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_workflow_roles")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                (
                    "names",
                    models.TextField(blank=True, help_text="The article's authors and tags."),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        AddIndexOnPostgres(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["vector"], name="searchentry_vector"
            ),
        ),
        migrations.RunPython(fill_entries, migrations.RunPython.noop),
    ]
