"""The admin's pages of what came back: each campaign's report, and the suspended addresses."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from analyst.admin_records import RecordAdminMixin, RecordInline

from . import campaign_report
from .models import Campaign, CampaignReport, DeliveryReport, SuspendedAddress


class DeliveryReportInline(RecordInline):
    model = DeliveryReport
    fk_name = "subscriber"
    fields = ["received_at", "kind", "campaign", "status", "diagnostic", "received_via", "report"]
    verbose_name_plural = "reports that came back"
    ordering = ["-received_at", "-pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("delivery__campaign")

    @admin.display(description="campaign")
    def campaign(self, report):
        return report.delivery.campaign

    @admin.display(description="raw report")
    def report(self, report):
        return format_html("<details><summary>show</summary><pre>{}</pre></details>", report.raw)


@admin.register(SuspendedAddress)
class SuspendedAddressAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["email", "suspended_at", "suspension_reason", "reports_received"]
    list_filter = ["suspended_at"]
    search_fields = ["email"]
    fields = ["email", "status", "suspended_at", "suspension_reason", "confirmed_at"]
    readonly_fields = fields
    inlines = [DeliveryReportInline]
    actions = ["reactivate"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    def has_delete_permission(self, request, obj=None):
        return False  # nothing is deleted: a suspended address is kept with its reports

    def has_reactivate_permission(self, request):
        return request.user.has_perm("newsletter.reactivate_suspendedaddress")

    @admin.display(description="reports", ordering="report_count")
    def reports_received(self, subscriber):
        return subscriber.report_count

    @admin.action(
        description="Reactivate: send campaigns to these addresses again",
        permissions=["reactivate"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def reactivate(self, request, queryset):
        reactivated = [subscriber for subscriber in queryset if subscriber.reactivate(request.user)]
        for subscriber in reactivated:
            self.log_change(request, subscriber, "Reactivated: campaigns go to it again.")
        self.message_user(
            request,
            f"Reactivated {len(reactivated)} address{'es' if len(reactivated) != 1 else ''}: "
            "the next campaign goes to them.",
            messages.SUCCESS,
        )


def _column(key, label):
    """A list column showing one of the report's numbers."""

    @admin.display(description=label.lower(), ordering=key)
    def column(campaign):
        return getattr(campaign, key)

    column.__name__ = key
    return column


@admin.register(CampaignReport)
class CampaignReportAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "started_at",
        *(_column(key, label) for key, label in campaign_report.TOTALS),
    ]
    list_display_links = ["__str__"]
    list_filter = ["status"]
    actions = ["export_csv"]

    def get_queryset(self, request):
        started = super().get_queryset(request).exclude(status=Campaign.Status.DRAFT)
        return started.select_related("issue").annotate(**campaign_report.annotations())

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        csv_view = self.admin_site.admin_view(self.csv_view)
        name = "newsletter_campaignreport_csv"
        return [path("<int:pk>/csv/", csv_view, name=name), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        campaign = self._campaign(request, object_id)
        days = campaign_report.first_days(campaign)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Report: {campaign}",
            "campaign": campaign,
            "totals": _labelled(campaign_report.totals(campaign)),
            "days": days,
            "series": [
                (label, campaign_report.COLOURS[key]) for key, label in campaign_report.SERIES
            ],
            "chart": campaign_report.chart(days),
            "csv_url": reverse("admin:newsletter_campaignreport_csv", args=[campaign.pk]),
            "links": campaign.link_clicks.all(),
        }
        return TemplateResponse(request, "admin/newsletter/campaignreport/report.html", context)

    def csv_view(self, request, pk):
        campaign = self._campaign(request, pk)
        response = HttpResponse(campaign_report.csv_text(campaign), content_type="text/csv")
        filename = f"campaign-{campaign.pk}-{campaign.issue.date:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description="Export the selected reports as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="campaign-reports.csv"'
        campaign_report.write_totals_csv(response, queryset.order_by("started_at", "pk"))
        return response

    def _campaign(self, request, pk):
        campaign = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        return campaign


def _labelled(totals):
    return [(label, totals[key]) for key, label in campaign_report.TOTALS]
