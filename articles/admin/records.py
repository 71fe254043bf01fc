"""Read-only records in the admin: the workflow log, daily reads, import records; and redirects."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from analyst.admin_records import RecordAdminMixin

from ..models import ArticleStatus, DailyReads, ImportRecord, Redirect, Transition
from ..models.workflow import REVIEW_PERMISSION


class ToStateFilter(admin.SimpleListFilter):
    title = "state reached"
    parameter_name = "to_state"

    def lookups(self, request, model_admin):
        return ArticleStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(to_state=self.value()) if self.value() else queryset


@admin.register(Transition)
class TransitionAdmin(RecordAdminMixin, admin.ModelAdmin):
    """The workflow log across all articles: who moved what, when, and why."""

    list_display = ["at", "article", "action", "from_words", "to_words", "actor", "comment"]
    list_filter = ["action", ToStateFilter]
    list_select_related = ["article", "by"]
    search_fields = ["article__title", "comment", "by__username", "by_name"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(REVIEW_PERMISSION):
            return queryset
        return queryset.filter(article__authorships__author__user_id=request.user.pk).distinct()

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="from", ordering="from_state")
    def from_words(self, transition):
        return state_in_words(transition.from_state)

    @admin.display(description="to", ordering="to_state")
    def to_words(self, transition):
        return state_in_words(transition.to_state)


def state_in_words(state):
    """“Changes requested” for changes_requested; a state no longer known as it was stored."""
    try:
        return ArticleStatus(state).label
    except ValueError:
        return state or "—"


@admin.register(DailyReads)
class DailyReadsAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["date", "article", "count"]
    list_select_related = ["article"]
    date_hierarchy = "date"
    search_fields = ["article__title"]


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


class ReviewFilter(admin.SimpleListFilter):
    """The review queue: imported articles whose warnings an editor has still to check."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("to-check", "To check"), ("checked", "Checked"), ("none", "No warnings")]

    def queryset(self, request, queryset):
        return {
            "to-check": lambda: queryset.to_check(),
            "checked": lambda: queryset.exclude(warnings="").filter(checked_at__isnull=False),
            "none": lambda: queryset.filter(warnings=""),
        }.get(self.value(), lambda: queryset)()


@admin.register(ImportRecord)
class ImportRecordAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Where imported articles came from, and the queue of those to check against warnings."""

    list_display = ["key", "source", "article_link", "warnings_shown", "review", "updated_at"]
    list_filter = [ReviewFilter, "source"]
    list_select_related = ["article", "checked_by"]
    search_fields = ["key", "article__title", "warnings"]
    date_hierarchy = "imported_at"
    actions = ["mark_checked"]

    def has_check_permission(self, request):
        return request.user.has_perm("articles.check_importrecord")

    @admin.display(description="article", ordering="article__title")
    def article_link(self, record):
        url = reverse("admin:articles_article_change", args=[record.article_id])
        return format_html('<a href="{}">{}</a>', url, record.article.title)

    @admin.display(description="warnings")
    def warnings_shown(self, record):
        if not record.warning_list:
            return "—"
        items = format_html_join("", "<li>{}</li>", ((line,) for line in record.warning_list))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="checked")
    def review(self, record):
        if not record.warnings:
            return ""
        if record.checked_at is None:
            return "to check"
        who = record.checked_by.get_username() if record.checked_by else "someone"
        return f"checked by {who}, {timezone.localtime(record.checked_at):%Y-%m-%d %H:%M}"

    @admin.action(description="Mark checked: the article was read against its warnings",
                  permissions=["check"])  # fmt: skip
    def mark_checked(self, request, queryset):
        records = list(queryset.to_check())
        for record in records:
            record.mark_checked(by=request.user)
        self.message_user(request, f"{len(records)} imported article(s) marked checked.")
