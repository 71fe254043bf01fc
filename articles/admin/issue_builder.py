"""The issue's page as the place the issue is built: find and add articles, drag them into
order within and across sections, remove them, and see each one's state and problems."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.views.decorators.http import require_POST

from ..models import Article, Section
from ..publishing import contents, issues, visibility
from .display import visibility_badge


class ContentsRow:
    """One article as the issue's page lists it."""

    def __init__(self, article):
        self.article = article
        self.badge = visibility_badge(visibility.badge(article))
        self.problems = issues.article_problems(article)
        self.goes_live_when_removed = contents.goes_live_when_removed(
            article, is_live=article.is_live
        )


def table_of_contents(issue):
    """[(section, [ContentsRow, …]), …] for every section, empty ones too (to drag into)."""
    articles = visibility.with_live_flag(issues.contents(issue).select_related("issue"))
    rows = {}
    for article in articles:
        rows.setdefault(article.section_id, []).append(ContentsRow(article))
    return [(section, rows.get(section.pk, [])) for section in Section.objects.all()]


def posted_order(request):
    """The order the page posts: JSON from the script, or the position fields without it."""
    if "order" in request.POST:
        try:
            return [
                (int(section), [int(pk) for pk in ids])
                for section, ids in json.loads(request.POST["order"])
            ]
        except (ValueError, TypeError):
            return None
    placed = {}
    for key, value in request.POST.items():
        if key.startswith("position-") and value.strip().lstrip("-").isdigit():
            article_id = int(key.removeprefix("position-"))
            section = request.POST.get(f"section-{article_id}", "")
            if section.isdigit():
                placed.setdefault(int(section), []).append((int(value), article_id))
    return [(section, [pk for _, pk in sorted(items)]) for section, items in placed.items()]


def chosen_article(request):
    """The article a row's button names (in its address: the buttons share one form)."""
    chosen = request.GET.get("article", "")
    return int(chosen) if chosen.isdigit() else 0


class IssueBuilderAdmin:
    """Mixed into IssueAdmin: the table of contents and its buttons."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/arrange/",
                wrap(require_POST(self.arrange_view)),
                name="articles_issue_arrange",
            ),
            path("<path:object_id>/find/", wrap(self.find_view), name="articles_issue_find"),
            path(
                "<path:object_id>/add-article/",
                wrap(require_POST(self.add_article_view)),
                name="articles_issue_add_article",
            ),
            path(
                "<path:object_id>/remove-article/",
                wrap(require_POST(self.remove_article_view)),
                name="articles_issue_remove_article",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_object(request, object_id)
        if issue is not None:
            extra_context = {
                **(extra_context or {}),
                "table_of_contents": table_of_contents(issue),
                "preflight": [] if issue.is_published else issues.preflight(issue),
                "may_build": self.has_change_permission(request, issue),
                "issue_campaign": issue.campaigns.order_by("-created_at").first(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """Saving the issue's form saves the positions typed into its table of contents too."""
        super().save_related(request, form, formsets, change)
        if change and "order" not in request.POST and (order := posted_order(request)):
            contents.arrange(form.instance, order)

    def buildable_issue(self, request, object_id):
        issue = self.get_object(request, object_id)
        if issue is None:
            raise Http404("No such issue.")
        if not self.has_change_permission(request, issue):
            raise PermissionDenied
        return issue

    def back_to(self, issue):
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issue.pk]))

    def arrange_view(self, request, object_id):
        issue = self.buildable_issue(request, object_id)
        order = posted_order(request)
        if order is None:
            return JsonResponse(
                {"error": "The order could not be read; reload the page."}, status=400
            )
        contents.arrange(issue, order)
        self.log_change(request, issue, "Arranged the table of contents.")
        if "order" in request.POST:
            saved = time_format(timezone.localtime(), "H:i")
            return JsonResponse({"saved": f"Order saved {saved}"})
        self.message_user(request, "The new order is saved.", messages.SUCCESS)
        return self.back_to(issue)

    def find_view(self, request, object_id):
        issue = self.buildable_issue(request, object_id)
        words = request.GET.get("q", "").strip()
        found = visibility.with_live_flag(contents.candidates(issue, words)) if words else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Add articles to the issue of {issue}",
            "issue": issue,
            "words": words,
            "found": [(article, ContentsRow(article).badge) for article in found],
        }
        template = "admin/articles/issue/found.html"
        if request.GET.get("fragment"):
            template = "admin/articles/issue/found_list.html"
        return TemplateResponse(request, template, context)

    def add_article_view(self, request, object_id):
        issue = self.buildable_issue(request, object_id)
        article = get_object_or_404(Article, pk=chosen_article(request))
        if contents.takes_offline(article, issue) and "confirm_offline" not in request.POST:
            self.message_user(
                request,
                f"“{article}” is live; adding it to this unpublished issue takes it off the site "
                "until the issue is published. Press “Add and take offline” to do so.",
                messages.WARNING,
            )
            find = reverse("admin:articles_issue_find", args=[issue.pk])
            return HttpResponseRedirect(f"{find}?q={article.slug}")
        offline = contents.takes_offline(article, issue)
        contents.add(issue, article)
        note = " (taken off the site until the issue is published)" if offline else ""
        self.log_change(request, article, f"Added to the issue of {issue}{note}.")
        self.message_user(request, f"“{article}” is in this issue now{note}.", messages.SUCCESS)
        return self.back_to(issue)

    def remove_article_view(self, request, object_id):
        issue = self.buildable_issue(request, object_id)
        article = get_object_or_404(issue.articles, pk=chosen_article(request))
        if contents.goes_live_when_removed(article) and "confirm_live" not in request.POST:
            self.message_user(
                request,
                f"“{article}” is published and waits only for this issue: removed from it, it "
                "goes live at once. Press “Remove and put live” to do so.",
                messages.WARNING,
            )
            return self.back_to(issue)
        contents.remove(article)
        self.log_change(request, article, f"Removed from the issue of {issue}.")
        self.message_user(request, f"“{article}” is no longer in this issue.", messages.SUCCESS)
        return self.back_to(issue)
