"""What several admin pages show the same way: thumbnails, article counts, public badges."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html


def image_preview(image, alt, height=60):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" style="max-height:{}px">', image.url, alt, height)


def visibility_badge(badge):
    """A publishing.visibility Badge as the admin shows it."""
    return format_html('<span class="badge badge-{}">{}</span>', badge.kind, badge.label)


class ArticleCountMixin:
    """An `article_count` column, counted in the list's own query."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(article_total=Count("articles"))
        return queryset.order_by(*self.model._meta.ordering)

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
