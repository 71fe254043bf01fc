"""SQLite's full-text index (FTS5): stemmed, diacritics folded, ranked with bm25.

One row per article, its rowid the article's id: the title, the teaser, the authors' and tags'
names, and the text as plain words. The tokenizer stems English (porter) over unicode61 with
diacritics removed, so "borders" finds "border" and "Turkiye" finds "Türkiye", as PostgreSQL's
vectors do. The table is made by migration 0011 on SQLite only.
"""

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

TABLE = "articles_search_fts"
TOKENIZER = "porter unicode61 remove_diacritics 2"  # as created by the migration
# bm25 weights of the columns, in their order: a title match counts most, then teaser and
# names, then the text.
WEIGHTS = (10.0, 4.0, 4.0, 1.0)
SNIPPET_WORDS = 30


def replace_rows(rows):
    """Write (article id, title, teaser, names, text) rows, replacing those of the same ids."""
    rows = list(rows)
    with connection.cursor() as cursor:
        delete_rows([row[0] for row in rows], cursor)
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, teaser, names, text) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def delete_rows(article_ids, cursor=None):
    ids = list(article_ids)
    if not ids:
        return
    if cursor is None:
        with connection.cursor() as cursor:
            return delete_rows(ids, cursor)
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", ids)


def match_expression(terms):
    """Every term must appear; each is quoted, so no term is read as FTS5 syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def matching_sql():
    """SQL selecting the ids of the articles that match one expression parameter."""
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"


def ranked_ids(terms, candidates):
    """The ids of the `candidates` (a queryset of articles) matching the terms, best first.

    One query: bm25 over the matches, ties going to the newer article, as on PostgreSQL.
    """
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    table = candidates.model._meta.db_table
    subquery, params = candidates.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {TABLE}.rowid FROM {TABLE} JOIN {table} ON {table}.id = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid IN ({subquery}) "
            f"ORDER BY bm25({TABLE}, {weights}), {table}.published_at DESC, {table}.id DESC",
            [match_expression(terms), *params],
        )
        return [row[0] for row in cursor.fetchall()]


def snippet(terms, start, stop, article_table):
    """An expression for each article's words around its matches, each between start and stop."""
    return RawSQL(
        f"SELECT snippet({TABLE}, 3, %s, %s, ' … ', {SNIPPET_WORDS}) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {article_table}.id",
        [start, stop, match_expression(terms)],
        output_field=TextField(),
    )
