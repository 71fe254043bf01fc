"""What became of a campaign: sent, refused, bounced, complained about, left; by day and in all.

"Refused" is what the mail server turned away while sending (5xx, or given up after retries);
bounces and complaints are the reports that came back later, counted once per delivery;
"unsubscribed" counts the readers for whom this was the last issue before they left (by the
link, the one-click header, or a complaint).
"""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .importing import spreadsheet_cell
from .models import Delivery, DeliveryReport

DAYS = 14
Kind = DeliveryReport.Kind
# (key, label) in the order of the report, its chart and its CSV.
TOTALS = (
    ("recipients", "Recipients"),
    ("sent", "Sent"),
    ("refused", "Refused by the server"),
    ("hard", "Hard bounces"),
    ("soft", "Soft bounces"),
    ("delayed", "Delayed"),
    ("complaints", "Complaints"),
    ("unsubscribed", "Unsubscribed"),
)
SERIES = (
    ("hard", "Hard bounces"),
    ("soft", "Soft bounces"),
    ("complaints", "Complaints"),
    ("unsubscribed", "Unsubscribed"),
)
REPORT_KEYS = {
    Kind.HARD: "hard",
    Kind.SOFT: "soft",
    Kind.DELAYED: "delayed",
    Kind.COMPLAINT: "complaints",
}
COLOURS = {"hard": "#b22222", "soft": "#e08a00", "complaints": "#6a3d9a", "unsubscribed": "#4477aa"}
# Not counted by day: a refusal has no time of its own, and recipients are listed at the start.
_NOT_DAILY = ("recipients", "refused")


def annotations():
    """The numbers of each campaign in a list, as annotations (one query for the whole list)."""
    reported = {
        key: Count("deliveries", filter=Q(deliveries__reports__kind=kind), distinct=True)
        for kind, key in REPORT_KEYS.items()
    }
    return {
        "recipients": Count("deliveries", distinct=True),
        "sent": _deliveries(Q(deliveries__status=Delivery.Status.SENT)),
        "refused": _deliveries(Q(deliveries__status=Delivery.Status.FAILED)),
        "unsubscribed": _deliveries(Q(deliveries__unsubscribed_at__isnull=False)),
        **reported,
    }


def _deliveries(condition):
    return Count("deliveries", filter=condition, distinct=True)


def totals(campaign):
    """The campaign's numbers: {"sent": 120, "hard": 3, …}."""
    keys = [key for key, _ in TOTALS]
    campaigns = type(campaign).objects.filter(pk=campaign.pk)
    return campaigns.annotate(**annotations()).values(*keys).get()


@dataclass
class Day:
    date: object
    counts: dict

    @property
    def total(self):
        return sum(self.counts[key] for key, _ in SERIES)


def first_days(campaign, days=DAYS):
    """What happened on each of the campaign's first days, from the day it started."""
    if campaign.started_at is None:
        return []
    start = timezone.localdate(campaign.started_at)
    dates = [start + timedelta(days=n) for n in range(days)]
    by_day = {date: dict.fromkeys([key for key, _ in TOTALS], 0) for date in dates}
    _count_by_day(by_day, _reports_by_day(campaign))
    _count_by_day(by_day, _deliveries_by_day(campaign, "sent_at", "sent"))
    _count_by_day(by_day, _deliveries_by_day(campaign, "unsubscribed_at", "unsubscribed"))
    return [Day(date, by_day[date]) for date in dates]


def _reports_by_day(campaign):
    rows = (
        DeliveryReport.objects.filter(delivery__campaign=campaign)
        .annotate(day=TruncDate("received_at"))
        .values("day", "kind")
        .annotate(n=Count("delivery", distinct=True))
        .order_by()
    )
    return [(row["day"], REPORT_KEYS[row["kind"]], row["n"]) for row in rows]


def _deliveries_by_day(campaign, field, key):
    rows = (
        campaign.deliveries.filter(**{f"{field}__isnull": False})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(row["day"], key, row["n"]) for row in rows]


def _count_by_day(by_day, rows):
    for day, key, n in rows:
        if day in by_day:
            by_day[day][key] += n


def csv_text(campaign):
    """The report as CSV: a row per day of the first days, then the campaign's totals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["day", *(label for _, label in TOTALS)])
    for day in first_days(campaign):
        cells = ["" if key in _NOT_DAILY else day.counts[key] for key, _ in TOTALS]
        writer.writerow([day.date.isoformat(), *cells])
    numbers = totals(campaign)
    writer.writerow(["all", *(numbers[key] for key, _ in TOTALS)])
    return buffer.getvalue()


def write_totals_csv(output, campaigns):
    """One row per campaign, with its numbers, to a file-like `output`."""
    writer = csv.writer(output)
    writer.writerow(["campaign", "issue", "started", *(label for _, label in TOTALS)])
    for campaign in campaigns.annotate(**annotations()):
        started = timezone.localtime(campaign.started_at).isoformat(timespec="minutes")
        numbers = [getattr(campaign, key) for key, _ in TOTALS]
        writer.writerow(
            [spreadsheet_cell(str(campaign)), campaign.issue.date.isoformat(), started, *numbers]
        )


def legend():
    return [(label, COLOURS[key]) for key, label in SERIES]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    peak: int
    bars: list
    days: list


def chart(days, width=560, height=160):
    """A stacked bar per day of bounces, complaints and unsubscribes, scaled to the busiest."""
    peak = max((day.total for day in days), default=0)
    slot = width / max(len(days), 1)
    bars = []
    for position, day in enumerate(days):
        top = height
        for key, label in SERIES:
            value = day.counts[key]
            if not value:
                continue
            size = value / peak * height
            top -= size
            title = f"{day.date:%-d %b}: {value} {label.lower()}"
            bars.append(Bar(position * slot + 2, top, slot - 4, size, COLOURS[key], title))
    return Chart(width, height, peak, bars, days)
