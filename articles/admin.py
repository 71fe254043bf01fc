from datetime import timedelta

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from analyst.admin_actions import SaveEditsBeforeActionsMixin

from .issue_admin import IssueContentsColumns, IssuePublishingAdmin
from .models import (
    Article,
    Author,
    Authorship,
    DailyReads,
    ImportRecord,
    Issue,
    PartnerSite,
    Redirect,
    Section,
    StaffPublication,
    Tag,
    Transition,
)
from .workflow_admin import ArticleWorkflowAdmin

ISSUE_INTERVAL = timedelta(days=14)

# The admin's front page is the editor's desk (templates/admin/editors_desk.html).
admin.site.index_template = "admin/editors_desk.html"


def image_preview(image, alt, height=60):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" style="max-height:{}px">', image.url, alt, height)


class ArticleCountMixin:
    """An `article_count` column, counted in the list's own query."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(article_total=Count("articles"))
        return queryset.order_by(*self.model._meta.ordering)

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Section)
class SectionAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "structured", "position", "article_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class IssueContentsInline(IssueContentsColumns, admin.TabularInline):
    """The issue's table of contents: reorder by editing the positions."""

    model = Article
    fields = ["title", "section", "byline", "state", "words", "problems", "issue_position"]
    readonly_fields = ["title", "section", "byline", "state", "words", "problems"]
    ordering = ["section__position", "issue_position", "pk"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "article in this issue"
    verbose_name_plural = "table of contents"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Issue)
class IssueAdmin(IssuePublishingAdmin, ArticleCountMixin, admin.ModelAdmin):
    list_display = ["date", "volume", "number", "title", "status", "article_count", "cover_preview"]
    list_filter = ["status", "volume"]
    date_hierarchy = "date"
    search_fields = ["title", "date"]
    readonly_fields = ["cover_preview"]
    fieldsets = [
        (None, {"fields": ["date", "volume", "number", "title"]}),
        ("Cover", {"fields": ["cover", "cover_preview", "cover_alt"]}),
        ("Publication", {"fields": ["status", "published_at", "published_by"]}),
    ]
    inlines = [IssueContentsInline]

    @admin.display(description="cover")
    def cover_preview(self, issue):
        return image_preview(issue.cover, issue.cover_alt)

    def get_changeform_initial_data(self, request):
        """Propose the next issue: 14 days after the latest, numbered on within its year."""
        initial = super().get_changeform_initial_data(request)
        latest = Issue.objects.order_by("-date").first()
        if latest is None:
            return initial
        date = latest.date + ISSUE_INTERVAL
        same_year = date.year == latest.date.year
        return {
            "date": date,
            "volume": latest.volume if same_year else latest.volume + 1,
            "number": latest.number + 1 if same_year else 1,
            **initial,
        }


@admin.register(Author)
class AuthorAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "user", "article_count", "photo_preview"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "affiliation", "bio", "photo", "photo_preview", "photo_alt", "user"]

    @admin.display(description="photo")
    def photo_preview(self, author):
        return image_preview(author.photo, author.photo_alt)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    min_num = 0
    verbose_name = "author"
    verbose_name_plural = "authors, in byline order"


@admin.register(Article)
class ArticleAdmin(SaveEditsBeforeActionsMixin, ArticleWorkflowAdmin, admin.ModelAdmin):
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
    inlines = [AuthorshipInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "issue", "issue_position"]}),
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
        ("Image", {"fields": ["image", "image_preview", "image_alt", "image_caption"]}),
        ("Publication", {"fields": ["state", "public_from", "read_count"]}),
        ("Activity", {"fields": ["activity"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authorships__author")

    @admin.display(description="authors")
    def author_names(self, article):
        return format_html_join(", ", "{}", ((author.name,) for author in article.ordered_authors))

    @admin.display(description="image")
    def image_preview(self, article):
        return image_preview(article.image, article.image_alt, height=120)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StaffPublication)
class StaffPublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "authors", "outlet", "date", "cover_preview"]
    list_filter = ["kind"]
    search_fields = ["title", "authors", "outlet"]
    date_hierarchy = "date"
    readonly_fields = ["cover_preview"]
    fields = [
        *("kind", "authors", "title", "outlet", "date", "url"),
        *("cover", "cover_preview", "cover_alt"),
    ]

    @admin.display(description="cover")
    def cover_preview(self, publication):
        return image_preview(publication.cover, publication.cover_alt)


@admin.register(PartnerSite)
class PartnerSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "position", "logo_preview"]
    list_editable = ["position"]
    search_fields = ["name"]
    readonly_fields = ["logo_preview"]
    fields = ["name", "url", "logo", "logo_preview", "logo_alt", "position"]

    @admin.display(description="logo")
    def logo_preview(self, partner):
        return image_preview(partner.logo, partner.logo_alt, height=40)


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """The workflow log across all articles: who moved what, when, and why."""

    list_display = ["at", "article", "action", "from_state", "to_state", "actor", "comment"]
    list_filter = ["action", "to_state"]
    list_select_related = ["article", "by"]
    search_fields = ["article__title", "comment", "by__username", "by_name"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("articles.review_article"):
            return queryset
        return queryset.filter(article__authorships__author__user_id=request.user.pk).distinct()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyReads)
class DailyReadsAdmin(admin.ModelAdmin):
    list_display = ["date", "article", "count"]
    list_select_related = ["article"]
    date_hierarchy = "date"
    search_fields = ["article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target_display", "created_at"]
    list_select_related = ["article"]
    list_filter = [("article", admin.EmptyFieldListFilter)]
    search_fields = ["old_path", "target_url", "article__title"]
    autocomplete_fields = ["article"]
    fields = ["old_path", "article", "target_url"]

    @admin.display(description="leads to", ordering="article__title")
    def target_display(self, redirect):
        if redirect.article_id:
            return format_html(
                '<a href="{}">{}</a> ({})',
                redirect.article.get_absolute_url(),
                redirect.article.title,
                redirect.article.get_status_display(),
            )
        return redirect.target_url


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """Where imported articles came from: read only, kept by the import commands."""

    list_display = ["key", "source", "article", "imported_at", "updated_at"]
    list_filter = ["source"]
    list_select_related = ["article"]
    search_fields = ["key", "article__title"]
    date_hierarchy = "imported_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
