"""What search looks in for each article besides the article's own fields."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """What search looks in for one article besides its own fields (see articles.search.index)."""

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    names = models.TextField(blank=True, help_text="The article's authors and tags.")
    # Only PostgreSQL fills it: title (A), teaser and names (B), text (C).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [GinIndex(fields=["vector"], name="searchentry_vector")]

    def __str__(self):
        return f"Search entry of {self.article_id}"
