from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from analyst.admin_actions import ACTION_FIELD, SaveEditsBeforeActionsMixin
from analyst.admin_records import RecordAdminMixin, RecordInline
from articles.models import Issue

from . import content, importing, tasks
from .forms import ImportForm
from .models import Campaign, CampaignEvent, Delivery, Subscriber, SubscriberEvent

PROGRESS_SHOWN = ("sent", "failed", "pending", "sending", "skipped")
SEND_PERMISSION = "newsletter.send_campaign"


class SubscriberEventInline(RecordInline):
    model = SubscriberEvent
    fields = ["at", "kind", "detail"]


class ConfirmationFilter(admin.SimpleListFilter):
    """Pending subscribers by what became of their confirmation email."""

    title = "confirmation email"
    parameter_name = "confirmation"

    def lookups(self, request, model_admin):
        return [("sent", "Sent"), ("retrying", "Not sent yet, retrying"), ("failed", "Not sent")]

    def queryset(self, request, queryset):
        pending = queryset.filter(status=Subscriber.Status.PENDING)
        if self.value() == "sent":
            return pending.filter(confirmation_error="", confirmation_sent_at__isnull=False)
        if self.value() == "retrying":
            failed = pending.exclude(confirmation_error="")
            return failed.filter(confirmation_retry_at__isnull=False)
        if self.value() == "failed":
            return pending.exclude(confirmation_error="").filter(confirmation_retry_at=None)
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "source",
        "confirmation_email",
    ]
    list_filter = ["status", ConfirmationFilter, "consent_source", "created_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_source",
        "consent_text",
        "consent_address_hash",
        "confirmation_email",
        "confirmation_sent_at",
        "confirmation_attempts",
        "confirmation_error",
        "confirmation_retry_at",
    ]
    fieldsets = [
        (None, {"fields": ["email", "status", "confirmation_email"]}),
        ("Dates", {"fields": ["created_at", "confirmed_at", "unsubscribed_at"]}),
        (
            "Consent",
            {"fields": ["consent_at", "consent_source", "consent_text", "consent_address_hash"]},
        ),
        (
            "Confirmation email",
            {
                "fields": [
                    "confirmation_sent_at",
                    "confirmation_attempts",
                    "confirmation_error",
                    "confirmation_retry_at",
                ]
            },
        ),
    ]
    inlines = [SubscriberEventInline]
    actions = ["export_csv", "unsubscribe_selected", "delete_selected"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    @admin.display(description="signed up through", ordering="consent_source")
    def source(self, subscriber):
        return subscriber.consent_source

    @admin.display(description="confirmation email")
    def confirmation_email(self, subscriber):
        """What became of the latest confirmation email, with the server's reason if it failed."""
        if subscriber.status != Subscriber.Status.PENDING:
            return "—"
        if subscriber.confirmation_error and subscriber.confirmation_retry_at:
            return format_html(
                "Not sent yet ({}); trying again at {}",
                subscriber.confirmation_error,
                timezone.localtime(subscriber.confirmation_retry_at).strftime("%-d %b %H:%M"),
            )
        if subscriber.confirmation_error:
            return format_html(
                '<strong class="errornote">Not sent: {}</strong>', subscriber.confirmation_error
            )
        if subscriber.confirmation_sent_at:
            return f"Sent {timezone.localtime(subscriber.confirmation_sent_at):%-d %b %H:%M}"
        return "Waiting to be sent"

    def has_add_permission(self, request):
        return False  # people subscribe themselves, or arrive by import

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="newsletter_subscriber_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a CSV of addresses that confirmed elsewhere."""
        if not self.has_change_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = importing.import_subscribers(
                form.cleaned_data["file"], form.cleaned_data["source"], request.user
            )
            self.message_user(request, f"Import finished: {report}.", messages.SUCCESS)
            return redirect("admin:newsletter_subscriber_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Import subscribers",
        }
        return TemplateResponse(request, "admin/newsletter/subscriber/import.html", context)

    @admin.action(description="Export selected subscribers as CSV")
    def export_csv(self, request, queryset):
        response = StreamingHttpResponse(
            importing.export_rows(queryset), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        return response

    @admin.action(description="Unsubscribe selected subscribers", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        done = sum(subscriber.unsubscribe(via=f"by {request.user}") for subscriber in queryset)
        self.message_user(request, f"{done} unsubscribed.", messages.SUCCESS)

    def delete_model(self, request, obj):
        obj.erase()

    def delete_queryset(self, request, queryset):
        """Deleting erases: the person's row, history and what their deliveries recorded."""
        for subscriber in queryset:
            subscriber.erase()

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            actions["delete_selected"].description = actions[
                "delete_selected"
            ].plural_description = "Erase selected subscribers and their delivery data"
        return actions


class CampaignEventInline(RecordInline):
    """What happened to the send: started, paused for an unreachable server, resumed, finished."""

    model = CampaignEvent
    fields = ["at", "kind", "by", "detail"]


@admin.register(Campaign)
class CampaignAdmin(SaveEditsBeforeActionsMixin, admin.ModelAdmin):
    list_display = ["__str__", "issue", "status", "progress_summary", "started_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["issue"]
    search_fields = ["subject"]
    autocomplete_fields = ["issue"]
    actions = ["send_test", "send_to_subscribers"]
    readonly_when_started = ["issue", "subject", "intro", "full_text"]
    base_readonly = [
        "status",
        "previews",
        "progress",
        "created_by",
        "started_at",
        "started_by",
        "finished_at",
    ]

    class Media:
        js = ["js/newsletter-admin.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["issue", "subject", "intro", "full_text"]})]
        if obj is not None:
            fieldsets += [
                ("Preview", {"fields": ["previews"]}),
                (
                    "Sending",
                    {
                        "fields": [
                            "status",
                            "progress",
                            "created_by",
                            "started_at",
                            "started_by",
                            "finished_at",
                        ],
                        "description": self.sending_note(request, obj),
                    },
                ),
            ]
        return fieldsets

    def has_send_permission(self, request):
        return request.user.has_perm(SEND_PERMISSION)

    def sending_note(self, request, campaign):
        """Why there is no button to send, for someone who may prepare but not send."""
        if campaign.status != Campaign.Status.DRAFT or self.has_send_permission(request):
            return ""
        return (
            "You can prepare this campaign and send yourself a test, but sending it to the "
            "subscribers needs the permission to send campaigns, which Managing editors have. "
            "Ask one of them to send it when it is ready."
        )

    def get_inlines(self, request, obj):
        return [CampaignEventInline] if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Campaign.Status.DRAFT:
            return [*self.readonly_when_started, *self.base_readonly]
        return self.base_readonly

    def get_changeform_initial_data(self, request):
        """Fill in the subject and intro from the issue given in the address (?issue=…)."""
        initial = super().get_changeform_initial_data(request)
        issue = self.issue_from(request)
        if issue is not None:
            initial.setdefault("subject", content.default_subject(issue))
            initial.setdefault("intro", content.default_intro(issue))
        return initial

    def issue_from(self, request):
        issue_id = request.GET.get("issue", "")
        return Issue.objects.filter(pk=issue_id).first() if issue_id.isdigit() else None

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.subject = obj.subject.strip() or content.default_subject(obj.issue)
        obj.intro = obj.intro.strip() or content.default_intro(obj.issue)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        def view(function, name):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(function),
                name=f"newsletter_campaign_{name.replace('/', '_')}",
            )

        return [
            view(self.preview_html, "preview/html"),
            view(self.preview_text, "preview/text"),
            view(self.progress_json, "progress"),
            *super().get_urls(),
        ]

    def _campaign(self, request, pk):
        campaign = get_object_or_404(Campaign.objects.select_related("issue"), pk=pk)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        return campaign

    def preview_html(self, request, pk):
        message = content.CampaignMessage(self._campaign(request, pk))
        return HttpResponse(message.personal(0)[1])

    def preview_text(self, request, pk):
        message = content.CampaignMessage(self._campaign(request, pk))
        return HttpResponse(message.personal(0)[0], content_type="text/plain; charset=utf-8")

    def progress_json(self, request, pk):
        campaign = self._campaign(request, pk)
        return JsonResponse(
            {
                "status": campaign.get_status_display(),
                "started_at": shown_time(campaign.started_at),
                "finished_at": shown_time(campaign.finished_at),
                **campaign.progress(),
            }
        )

    @admin.display(description="preview")
    def previews(self, campaign):
        message = content.CampaignMessage(campaign)
        size = message.size / 1024
        warning = (
            format_html(
                ' <strong class="errornote">Over {} KB: Gmail will cut it short. '
                "Send teasers rather than the full text.</strong>",
                content.SIZE_LIMIT // 1024,
            )
            if message.size > content.SIZE_LIMIT
            else ""
        )
        return format_html(
            '<a href="{}" target="_blank">As HTML</a> · <a href="{}" target="_blank">As text</a>'
            " · {} KB{}",
            reverse("admin:newsletter_campaign_preview_html", args=[campaign.pk]),
            reverse("admin:newsletter_campaign_preview_text", args=[campaign.pk]),
            f"{size:.1f}",
            warning,
        )

    @admin.display(description="progress")
    def progress(self, campaign):
        counts = campaign.progress()
        return format_html(
            '<span data-campaign-progress="{}" data-running="{}">{}</span>',
            reverse("admin:newsletter_campaign_progress", args=[campaign.pk]),
            "yes" if campaign.status == Campaign.Status.SENDING else "",
            progress_text(counts),
        )

    @admin.display(description="progress")
    def progress_summary(self, campaign):
        if campaign.status == Campaign.Status.DRAFT:
            return "—"
        return progress_text(campaign.progress())

    @admin.action(description="Send a test to me", location=admin.ActionLocation.CHANGE_FORM)
    def send_test(self, request, queryset):
        campaign = queryset.select_related("issue").get()
        if not request.user.email:
            self.message_user(request, "Your account has no email address.", messages.ERROR)
            return
        own = Subscriber.objects.with_email(request.user.email).first()
        message = content.CampaignMessage(campaign).for_subscriber(
            own.pk if own else 0, request.user.email
        )
        message.subject = f"[Test] {message.subject}"
        message.send()
        self.message_user(request, f"Test sent to {request.user.email}.", messages.SUCCESS)

    @admin.action(
        description="Send to all confirmed subscribers",
        location=admin.ActionLocation.CHANGE_FORM,
        permissions=["send"],
    )
    def send_to_subscribers(self, request, queryset):
        campaign = queryset.get()
        if campaign.status == Campaign.Status.DRAFT and request.POST.get("confirmed") != "yes":
            return self._confirm_send(request, campaign)
        if tasks.start_sending(campaign, by=request.user):
            self.message_user(
                request,
                f"Sending to {Subscriber.objects.confirmed().count()} confirmed subscribers "
                "has started in the background.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "This campaign was already sent.", messages.WARNING)

    def _confirm_send(self, request, campaign):
        """Ask once more before mailing everyone: the button sits beside *Send a test to me*."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "campaign": campaign,
            "recipients": Subscriber.objects.confirmed().count(),
            "action_field": ACTION_FIELD,
        }
        return TemplateResponse(request, "admin/newsletter/campaign/confirm_send.html", context)


def shown_time(moment):
    """A time as the campaign page shows it, for the script that keeps the page current."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "-"


def progress_text(counts):
    parts = [f"{counts[name]} {name}" for name in PROGRESS_SHOWN if counts.get(name)]
    return ", ".join(parts) or "no recipients yet"


@admin.register(Delivery)
class DeliveryAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "subscriber", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "campaign"]
    list_select_related = ["campaign__issue", "subscriber"]
    search_fields = ["subscriber__email"]
    readonly_fields = [field.name for field in Delivery._meta.fields]
