"""The workflow in the article admin: who sees what, the action buttons, log, previews, history."""

from datetime import datetime, timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from analyst.admin_actions import ACTION_FIELD

from ..models import ArticleStatus, Authorship, PreviewLink, Transition, workflow
from ..models.workflow import TransitionRefused
from ..publishing import previews, revisions, visibility
from ..text.dates import publication_time
from .display import visibility_badge

BOTH = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
FORM_ONLY = admin.ActionLocation.CHANGE_FORM
PREVIEW_LINK_DAYS = 14


# What a contributor is offered in the list's actions ("" is the blank choice).
CONTRIBUTORS_MOVES = ("", "submit")
# The moves that take a publication time, from the form's "Publish at".
TIMED_MOVES = ("approve", "schedule", "publish")


def workflow_action(name, *, location=BOTH, plural=None):
    """An admin action that makes one workflow move on each chosen article."""
    label = workflow.ACTIONS[name][0]

    @admin.action(description=label, description_plural=plural or label, location=location)
    def action(modeladmin, request, queryset):
        return modeladmin.run_transition(request, queryset, name)

    action.__name__ = name
    return action


class ArticleWorkflowAdmin:
    """Mixed into ArticleAdmin: the editorial workflow on the article's admin pages."""

    actions = [
        workflow_action("submit", plural="Submit selected articles for review"),
        workflow_action("request_changes", location=FORM_ONLY),
        workflow_action("approve", plural="Approve selected articles"),
        workflow_action("schedule", location=FORM_ONLY),
        workflow_action("unschedule", location=FORM_ONLY),
        workflow_action("publish", plural="Publish selected articles now"),
        workflow_action("withdraw", plural="Withdraw selected articles"),
    ]

    # Who sees and edits what.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.is_editor(request.user):
            return queryset
        own = Authorship.objects.filter(author__user_id=request.user.pk).values("article")
        return queryset.filter(pk__in=own)

    def get_action_choices(
        self, request, default_choices=None, action_location=admin.ActionLocation.CHANGE_LIST
    ):
        """Offer a contributor only their own move in the list.

        The change form keeps every choice: its buttons are only those the user may press, and
        a move posted there anyway is refused in words by the workflow.
        """
        choices = super().get_action_choices(request, default_choices, action_location)
        if action_location != admin.ActionLocation.CHANGE_LIST or workflow.is_editor(request.user):
            return choices
        return [(name, label) for name, label in choices if name in CONTRIBUTORS_MOVES]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return [("public_from" if name == "published_at" else name) for name in shown]

    def get_list_filter(self, request):
        if workflow.is_editor(request.user):
            return super().get_list_filter(request)
        return ["status", "section"]  # other filters would list everyone's authors and issues

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """Someone else's article is "not yours", not "perhaps it was deleted"."""
        if not exists_unseen(self.model, object_id):
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        self.message_user(
            request,
            "That article is not yours: only its authors and the editors can open it. "
            "Here are yours.",
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return workflow.is_editor(request.user) or hasattr(request.user, "author")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.may_edit(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "state", "public_from", "activity"]
        if not workflow.is_editor(request.user):
            fields += ["issue"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if not workflow.is_editor(request.user):
            fieldsets = without_fields(fieldsets, EDITORS_ONLY_FIELDS)
        if obj is None or not type(obj).objects.live().filter(pk=obj.pk).exists():
            fieldsets = without_fields(fieldsets, {"take_offline"})  # only a live page can go
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets.append(("This change", {"fields": ["change_note"]}))
        return fieldsets

    # Read-only fields that show the workflow.

    @admin.display(description="state")
    def state(self, article):
        return article.get_status_display()

    @admin.display(description="public from", ordering="published_at")
    def public_from(self, article):
        return publication_time(article.published_at)

    @admin.display(description="activity")
    def activity(self, article):
        if article.pk is None:
            return "—"
        rows = article.transitions.select_related("by")[:50]
        if not rows:
            return "No activity yet."
        return format_html(
            '<table class="workflow-log"><tbody>{}</tbody></table>',
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((publication_time(row.at), row.actor, row.summary, row.comment) for row in rows),
            ),
        )

    # Saving: who changed what; corrections to published articles are logged.

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        note = form.cleaned_data.get("change_note", "")
        correcting = change and obj.status == ArticleStatus.PUBLISHED and form.has_changed()
        obj._change_reason = note or ("Correction" if correcting else "Edited")
        super().save_model(request, obj, form, change)
        if correcting:
            Transition.record(obj, Transition.Action.CORRECT, by=request.user, comment=note)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        revisions.refresh_names(article)
        author = getattr(request.user, "author", None)
        if not change and author and not workflow.is_editor(request.user):
            Authorship.objects.get_or_create(
                article=article,
                author=author,
                defaults={"position": article.authorships.count()},
            )

    # The action buttons.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            buttons = article.available_actions(request.user)
            extra_context = {
                **(extra_context or {}),
                "workflow_buttons": buttons,
                "visibility_badge": visibility_badge(visibility.badge(article)),
                "takes_a_time": any(name in TIMED_MOVES for name, _ in buttons),
                "time_zone": timezone.get_current_timezone_name(),
                "preview_links": article.preview_links.all(),
                "may_share_preview": workflow.is_editor(request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def run_transition(self, request, queryset, name):
        asked = request.POST.get("confirmed") == "yes"
        if name == "withdraw" and workflow.is_editor(request.user) and not asked:
            live = list(visibility.with_live_flag(queryset).filter(is_live=True))
            if live:
                return self.confirm_taking_offline(request, queryset, live)
        try:
            at = parse_local_time(request.POST.get("workflow_at", ""))
        except ValueError:
            self.message_user(request, "Give the time as a date and an hour.", messages.ERROR)
            return
        comment = request.POST.get("workflow_comment", "")
        moved = 0
        for article in queryset:
            try:
                move = getattr(article, name)
                kwargs = {"by": request.user, "comment": comment}
                if name in TIMED_MOVES:
                    kwargs["at"] = at
                move(**kwargs)
                moved += 1
            except TransitionRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
        if moved:
            noun = "article" if moved == 1 else "articles"
            done = workflow.past_tense(name)
            self.message_user(request, f"{moved} {noun} {done}.", messages.SUCCESS)

    def confirm_taking_offline(self, request, queryset, live):
        """Ask before a withdrawal takes public pages off the site, then make it as asked."""
        on_form = ACTION_FIELD in request.POST
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Take these pages off the site?" if len(live) > 1 else "Take it off the site?",
            "live": live,
            "selected": [article.pk for article in queryset],
            "action_field": ACTION_FIELD if on_form else "action",
            "post_to": (
                reverse("admin:articles_article_change", args=[queryset.get().pk])
                if on_form
                else reverse("admin:articles_article_changelist")
            ),
            "comment": request.POST.get("workflow_comment", ""),
        }
        return TemplateResponse(request, "admin/articles/article/confirm_offline.html", context)

    # Previews, preview links and revisions.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/revisions/",
                wrap(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/preview-links/",
                wrap(require_POST(self.create_preview_link_view)),
                name="articles_article_share",
            ),
            path(
                "preview-links/<int:link_id>/revoke/",
                wrap(require_POST(self.revoke_preview_link_view)),
                name="articles_article_revoke_link",
            ),
            *super().get_urls(),
        ]

    def viewable_article(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("No such article, or not yours to see.")
        return article

    def preview_view(self, request, object_id):
        return previews.render_preview(request, self.viewable_article(request, object_id))

    def revisions_view(self, request, object_id):
        article = self.viewable_article(request, object_id)
        versions = list(article.history.select_related("history_user"))
        older, newer = revisions.chosen_pair(versions, request.GET)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"History of “{article}”",
            "article": article,
            "versions": versions,
            "older": older,
            "newer": newer,
            "changes": revisions.compare(older, newer) if older and newer else [],
            "may_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, history_id):
        article = self.viewable_article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article.history, history_id=history_id)
        if request.method != "POST":
            return self.confirm_restore(request, article, version)
        revisions.restore(article, version, by=request.user)
        self.message_user(
            request,
            f"Restored the version of {revisions.described(version)} as the newest version.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def confirm_restore(self, request, article, version):
        """Ask before a restore replaces the text: what it brings back, against the newest."""
        newest = article.history.select_related("history_user").first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Restore the version of {revisions.described(version)}?",
            "article": article,
            "version": version,
            "changes": revisions.compare(newest, version),
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    def create_preview_link_view(self, request, object_id):
        article = self.viewable_article(request, object_id)
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        recipient = request.POST.get("preview_for", "").strip()
        if not recipient:
            self.message_user(request, "Say whom the preview link is for.", messages.ERROR)
        else:
            link = PreviewLink.objects.create(
                article=article,
                recipient=recipient,
                created_by=request.user,
                expires_at=timezone.now() + timedelta(days=PREVIEW_LINK_DAYS),
            )
            self.message_user(
                request,
                format_html(
                    "Preview link for {} (valid until {}): {}",
                    recipient,
                    publication_time(link.expires_at),
                    request.build_absolute_uri(link.get_absolute_url()),
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def revoke_preview_link_view(self, request, link_id):
        link = get_object_or_404(PreviewLink, pk=link_id)
        self.viewable_article(request, str(link.article_id))
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        link.revoke()
        self.message_user(request, f"The preview link for {link.recipient} no longer works.")
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[link.article_id])
        )


# What only editors set: a contributor does not arrange the issue.
EDITORS_ONLY_FIELDS = {"issue_position", "take_offline"}


def exists_unseen(model, object_id):
    """Whether an object of that id exists, though the user's queryset leaves it out."""
    try:
        return model._default_manager.filter(pk=unquote(object_id)).exists()
    except (ValueError, ValidationError):
        return False


def without_fields(fieldsets, hidden):
    """The fieldsets without the `hidden` fields, dropping a fieldset left empty."""
    kept = []
    for name, options in fieldsets:
        fields = [field for field in options.get("fields", ()) if field not in hidden]
        if fields:
            kept.append((name, {**options, "fields": fields}))
    return kept


def parse_local_time(value):
    """A datetime-local value, read in the publication's time zone; None when empty."""
    value = value.strip()
    if not value:
        return None
    return timezone.make_aware(datetime.fromisoformat(value))
