from datetime import timedelta

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView

from articles.models import Article, Authorship, Issue
from articles.views import contents_by_section

RECENT_FIELD_REPORTS = 5
MOST_READ = 5


class HomeView(TemplateView):
    """The current issue's contents, recent field reports and what readers read this month."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        issue = Issue.objects.published().first()
        live = Article.objects.live().select_related("section", "issue").without_text()
        contents = list(
            live.filter(issue=issue).order_by("section__position", "issue_position", "pk")
            if issue
            else []
        )
        field_reports = live.filter(section__slug="field-reports").order_by("-published_at")
        if issue:  # the current issue's field reports are in its contents already
            field_reports = field_reports.exclude(issue=issue)
        field_reports = list(field_reports[:RECENT_FIELD_REPORTS])
        since = timezone.localdate() - timedelta(days=30)
        most_read = list(live.most_read(since=since)[:MOST_READ])
        prefetch_related_objects(
            [*contents, *field_reports, *most_read],
            Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
        )
        return super().get_context_data(
            issue=issue,
            contents=contents_by_section(contents),
            field_reports=field_reports,
            most_read=most_read,
            **kwargs,
        )


@requires_csrf_token
def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
