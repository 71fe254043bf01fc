"""Search that forgives: stemmed words with their accents folded, on both databases.

On SQLite, the FTS5 table search reads (articles.search.fts), filled from the articles. On
PostgreSQL, a text search configuration `analyst_english`: English stemming after unaccent
(a trusted extension: the database's owner may create it), and every vector rebuilt with it.
"""

import re

from django.db import migrations

TABLE = "articles_search_fts"
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, teaser, names, text, tokenize='porter unicode61 remove_diacritics 2')"
)
PARTS = ("background", "implications", "conclusions")
TAG = re.compile(r"<[^>]+>")


def create_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("articles", "SearchEntry")
    db = schema_editor.connection.alias
    names = dict(SearchEntry.objects.using(db).values_list("article_id", "names"))
    rows = [
        (
            article.pk,
            article.title,
            article.teaser or article.derived_teaser,
            names.get(article.pk, ""),
            TAG.sub(" ", " ".join(getattr(article, field) for field in ("body", *PARTS))),
        )
        for article in Article.objects.using(db).iterator()
    ]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CREATE)
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, teaser, names, text) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


POSTGRES_CONFIGURATION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION analyst_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION analyst_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
REBUILD_VECTORS = """
UPDATE articles_searchentry AS entry SET vector =
    setweight(to_tsvector('{config}'::regconfig, coalesce(article.title, '')), 'A')
    || setweight(to_tsvector('{config}'::regconfig,
        coalesce(nullif(article.teaser, ''), article.derived_teaser, '')), 'B')
    || setweight(to_tsvector('{config}'::regconfig, regexp_replace(concat_ws(' ',
        article.background, article.implications, article.conclusions, article.body),
        '<[^>]+>', ' ', 'g')), 'C')
    || setweight(to_tsvector('{config}'::regconfig, coalesce(entry.names, '')), 'B')
FROM articles_article AS article WHERE article.id = entry.article_id
"""


def configure_postgres(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CONFIGURATION)
        schema_editor.execute(REBUILD_VECTORS.format(config="analyst_english"))


def unconfigure_postgres(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REBUILD_VECTORS.format(config="english"))
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS analyst_english")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_article_display_title")]

    operations = [
        migrations.RunPython(create_and_fill, drop),
        migrations.RunPython(configure_postgres, unconfigure_postgres),
    ]
