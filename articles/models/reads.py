"""Reads day by day, for "most read this fortnight" and the editor's desk."""

from django.db import models


class DailyReads(models.Model):
    """How many reads an article had on one day (in the publication's time zone)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="daily_reads"
    )
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily reads"
        ordering = ["-date"]
        indexes = [models.Index(fields=["date", "article"], name="dailyreads_date_article")]
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="dailyreads_one_per_day"),
        ]

    def __str__(self):
        return f"{self.article} on {self.date}: {self.count}"
