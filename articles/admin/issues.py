"""The issue admin: the next issue proposed, its table of contents, and publishing it from its
page (the pre-flight check, the dry run, the button)."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from ..models import Issue
from ..publishing import issues
from ..text.dates import publication_time
from . import issue_search
from .display import ArticleCountMixin, image_preview
from .issue_builder import IssueBuilderAdmin
from .workflow import parse_local_time

ISSUE_INTERVAL = timedelta(days=14)


class IssuePublishingAdmin:
    """Mixed into IssueAdmin: publishing the issue, and who did it."""

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_issue")

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "status",
            "published_at",
            "published_by",
        ]

    @admin.display(description="published by")
    def published_by(self, issue):
        record = issue.publications.select_related("by").first() if issue.pk else None
        if record is None:
            return "—"
        return f"{record.by} on {publication_time(record.at)}"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="articles_issue_publish",
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request, object_id):
        issue = self.get_object(request, object_id)
        if issue is None:
            raise Http404("No such issue.")
        if not self.has_publish_permission(request):
            raise PermissionDenied
        try:
            at = parse_local_time(request.POST.get("public_from", "") or request.GET.get("at", ""))
        except ValueError:
            at = None
            self.message_user(request, "Give the time as a date and an hour.", messages.ERROR)
        if request.method == "POST" and "publish" in request.POST:
            return self._publish(request, issue, at)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Publish the issue of {issue}",
            "issue": issue,
            "plan": issues.plan(issue, at),
            "time_zone": timezone.get_current_timezone_name(),
        }
        return TemplateResponse(request, "admin/articles/issue/publish.html", context)

    def _publish(self, request, issue, at):
        if at is not None and at <= timezone.now():
            self.message_user(request, "Give a time in the future, or publish now.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        try:
            record = issues.publish_issue(issue, by=request.user, at=at)
        except issues.IssueNotReady as not_ready:
            for problem in not_ready.problems:
                self.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(request.path)
        if record is None:
            self.message_user(request, "This issue is already published; nothing was changed.")
        else:
            self.message_user(
                request,
                f"The issue goes public on {publication_time(record.public_from)} "
                f"with {record.article_count} articles.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issue.pk]))


@admin.register(Issue)
class IssueAdmin(IssueBuilderAdmin, IssuePublishingAdmin, ArticleCountMixin, admin.ModelAdmin):
    list_display = ["date", "volume", "number", "title", "status", "article_count", "cover_preview"]
    list_filter = ["status", "volume"]
    date_hierarchy = "date"
    search_fields = ["title"]
    readonly_fields = ["cover_preview"]
    fieldsets = [
        (None, {"fields": ["date", "volume", "number", "title"]}),
        ("Cover", {"fields": ["cover", "cover_preview", "cover_alt"]}),
        ("Publication", {"fields": ["status", "published_at", "published_by"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Find an issue by its title, number, or date in words: “18 November”, “nov 2026”."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        by_date = issue_search.matching(queryset, search_term)
        if by_date is None:
            return found, duplicates
        return found | by_date, duplicates

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
