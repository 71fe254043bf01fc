"""The article admin: its form, its authors in byline order, and the workflow around them."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from analyst.admin_actions import SaveEditsBeforeActionsMixin

from ..models import Article, Attachment, Authorship
from ..publishing import visibility
from .display import image_preview, visibility_badge
from .workflow import ArticleWorkflowAdmin
from .writing import ArticleWritingAdmin, restored_author_ids


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["author"]
    fields = ["author", "affiliation", "position"]
    extra = 1
    min_num = 0
    verbose_name = "author"
    verbose_name_plural = "authors, in byline order"

    def get_extra(self, request, obj=None, **kwargs):
        return max(self.extra, len(restored_author_ids(request, obj)))


class AttachmentInline(admin.TabularInline):
    """Files offered with the article (a PDF of the paper): checked by their content on upload."""

    model = Attachment
    extra = 0
    fields = ["file", "title", "position", "file_facts"]
    readonly_fields = ["file_facts"]

    @admin.display(description="kind and size")
    def file_facts(self, attachment):
        if not attachment.pk:
            return ""
        return f"{attachment.kind}, {filesizeformat(attachment.size)}"


@admin.register(Article)
class ArticleAdmin(
    SaveEditsBeforeActionsMixin, ArticleWritingAdmin, ArticleWorkflowAdmin, admin.ModelAdmin
):
    def view_on_site(self, article):
        """The public page once the article is live; until then its preview."""
        if Article.objects.live().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[article.pk])

    list_display = [
        "title",
        "section",
        "issue",
        "author_names",
        "status",
        "visibility",
        "published_at",
        "read_count",
    ]
    list_filter = ["status", "section", "issue", "authors", "tags"]
    list_select_related = ["section", "issue"]
    search_fields = ["title", "slug", "teaser", "authorships__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags", "issue"]
    readonly_fields = ["image_preview", "read_count", "word_count", "derived_teaser"]
    inlines = [AuthorshipInline, AttachmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "display_title",
                    "slug",
                    "section",
                    "issue",
                    "take_offline",
                    "issue_position",
                ]
            },
        ),
        ("Teaser", {"fields": ["teaser", "derived_teaser"]}),
        (
            "Text",
            {
                "fields": ["body", "background", "implications", "conclusions", "word_count"],
                "description": "Articles in a structured section (Analytical Articles) are written "
                "in three parts: Background, Implications and Conclusions. "
                "Other articles use the text field.",
            },
        ),
        ("Bio line and tags", {"fields": ["bio", "tags"]}),
        (
            "Image",
            {"fields": ["image", "kept_image", "image_preview", "image_alt", "image_caption"]},
        ),
        ("Publication", {"fields": ["state", "public_from", "read_count"]}),
        ("Activity", {"fields": ["activity"]}),
    ]

    def get_queryset(self, request):
        return visibility.with_live_flag(super().get_queryset(request).with_authors())

    @admin.display(description="on the site")
    def visibility(self, article):
        return visibility_badge(visibility.badge(article))

    @admin.display(description="authors")
    def author_names(self, article):
        return article.byline

    @admin.display(description="image")
    def image_preview(self, article):
        return image_preview(article.image, article.image_alt, height=120)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
