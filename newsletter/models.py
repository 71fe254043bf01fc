from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone

from analyst.models import account_that_acted
from articles.models import Issue

from .addresses import validate_address


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscribers a campaign goes to: those who confirmed and have not left."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def with_email(self, email):
        return self.filter(email__iexact=email)

    def locked_or_new(self, email):
        """The subscriber with this address, locked for this transaction; created if new."""
        self.bulk_create([Subscriber(email=email)], ignore_conflicts=True)
        return self.select_for_update().with_email(email).get()

    def record_request(self, email, source, text, address_hash=""):
        """Record a request to subscribe this address, whatever its state; the subscriber."""
        with transaction.atomic():
            subscriber = self.locked_or_new(email)
            subscriber.request(source, text, address_hash)
        return subscriber


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUSPENDED = "suspended", "Suspended (bounced)"

    email = models.EmailField(max_length=254, validators=[validate_address])
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person last asked to receive the newsletter."
    )
    consent_source = models.CharField(
        max_length=200, blank=True, help_text="Which form they used, or which import."
    )
    consent_text = models.TextField(blank=True, help_text="The consent line they agreed to.")
    consent_address_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="A keyed hash of the network address the request came from (not the address).",
    )
    token_generation = models.PositiveIntegerField(
        default=1,
        help_text="Which signup round this is: confirmation links work only in their own round.",
    )
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mail server last took a confirmation email."
    )
    confirmation_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Tries at sending the latest confirmation email."
    )
    confirmation_error = models.TextField(
        blank=True, help_text="Why the latest confirmation email could not be sent."
    )
    confirmation_retry_at = models.DateTimeField(
        null=True, blank=True, help_text="When sending it will be tried again."
    )
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(
        max_length=300, blank=True, help_text="Why campaigns no longer go to this address."
    )
    reactivated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an editor last reactivated it: soft bounces before then no longer count.",
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_ci_unique"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="subscriber_status")]

    def __str__(self):
        return self.email

    def record_consent(self, source, text, address_hash=""):
        """Note when and where the person asked to subscribe (saved by the caller)."""
        self.consent_at = timezone.now()
        self.consent_source = source
        self.consent_text = text
        self.consent_address_hash = address_hash

    def request(self, source, text, address_hash=""):
        """Note a request to subscribe (the same writes in every state, saved here).

        An unsubscribed address starts a new round: pending again, with a new token
        generation, so that links mailed in an earlier round no longer confirm it.
        """
        self.record_consent(source, text, address_hash)
        if self.status == self.Status.UNSUBSCRIBED:
            self.status = self.Status.PENDING
            self.confirmed_at = None
            self.token_generation += 1
        self.save()
        self.log("requested", source)

    def confirm(self):
        """Confirm a pending subscription; False if it was not pending."""
        with transaction.atomic():
            updated = Subscriber.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
                status=self.Status.CONFIRMED, confirmed_at=timezone.now(), unsubscribed_at=None
            )
            if updated:
                self.refresh_from_db()
                self.log("confirmed")
            return bool(updated)

    def unsubscribe(self, via):
        """Stop every mailing to this address at once, including a campaign now sending."""
        with transaction.atomic():
            updated = (
                Subscriber.objects.filter(pk=self.pk)
                .exclude(status=self.Status.UNSUBSCRIBED)
                .update(status=self.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
            )
            if not updated:
                return False
            self.refresh_from_db()
            self.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED, error="Unsubscribed before it was sent."
            )
            self._note_unsubscribe_on_latest_delivery()
            self.log("unsubscribed", via)
            return True

    def _note_unsubscribe_on_latest_delivery(self):
        """Count the unsubscribe in the report of the campaign the reader last received."""
        latest = self.deliveries.filter(status=Delivery.Status.SENT).order_by("-sent_at", "-pk")
        Delivery.objects.filter(pk__in=latest.values("pk")[:1]).update(
            unsubscribed_at=self.unsubscribed_at
        )

    def suspend(self, reason):
        """Stop mailing an address that bounces; False if it was not subscribed."""
        with transaction.atomic():
            updated = Subscriber.objects.filter(pk=self.pk, status=self.Status.CONFIRMED).update(
                status=self.Status.SUSPENDED, suspended_at=timezone.now(), suspension_reason=reason
            )
            if not updated:
                return False
            self.refresh_from_db()
            self.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED, error=f"Suspended before it was sent: {reason}"
            )
            self.log("suspended", reason)
            return True

    def reactivate(self, by):
        """Mail a suspended address again (an editor's decision); False if it was not suspended."""
        with transaction.atomic():
            updated = Subscriber.objects.filter(pk=self.pk, status=self.Status.SUSPENDED).update(
                status=self.Status.CONFIRMED, reactivated_at=timezone.now()
            )
            if updated:
                self.refresh_from_db()
                self.log("reactivated", f"by {by.get_username()}; was: {self.suspension_reason}")
            return bool(updated)

    def erase(self):
        """Forget this person: the row, its history, and what deliveries recorded about them."""
        with transaction.atomic():
            self.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED
            )
            self.deliveries.update(subscriber=None, error="")
            self.reports.update(subscriber=None, raw="", diagnostic="")
            self.delete()

    def log(self, kind, detail=""):
        return self.events.create(kind=kind, detail=detail)

    def confirmation_sent(self, attempt):
        """Note that the mail server took the confirmation email."""
        self._confirmation(attempt, sent_at=timezone.now(), error="", retry_at=None)
        self.log("confirmation sent")

    def confirmation_failed(self, attempt, error, retry_at=None):
        """Note why the confirmation email could not be sent, and when it is tried again."""
        sent_at = self.confirmation_sent_at
        self._confirmation(attempt, sent_at=sent_at, error=error, retry_at=retry_at)
        self.log("confirmation not sent", error[:300])

    def _confirmation(self, attempt, *, sent_at, error, retry_at):
        self.confirmation_attempts = attempt
        self.confirmation_sent_at = sent_at
        self.confirmation_error = error
        self.confirmation_retry_at = retry_at
        self.save(
            update_fields=[
                "confirmation_attempts",
                "confirmation_sent_at",
                "confirmation_error",
                "confirmation_retry_at",
            ]
        )


class SubscriberEvent(models.Model):
    """What happened to a subscription and when: the audit trail of consent."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class CampaignQuerySet(models.QuerySet):
    def sending(self):
        return self.filter(status=Campaign.Status.SENDING)


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="campaigns")
    subject = models.CharField(
        max_length=200, blank=True, help_text="Leave blank to use the issue's name and date."
    )
    intro = models.TextField(
        blank=True,
        help_text="A few words above the table of contents. Leave blank for the standard line.",
    )
    full_text = models.BooleanField(
        default=False,
        help_text="Include each article's full text; otherwise its teaser and a link.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = account_that_acted()
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    started_by = account_that_acted()
    recipients_listed = models.BooleanField(default=False, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("send_campaign", "Can send campaigns to every confirmed subscriber")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(started_at__isnull=False),
                name="campaign_started_has_time",
            ),
        ]

    def __str__(self):
        return self.subject or f"Campaign for the issue of {self.issue.date:%-d %B %Y}"

    def start_sending(self, by):
        """Move a draft to sending; False if it was already started (a second click)."""
        with transaction.atomic():
            updated = Campaign.objects.filter(pk=self.pk, status=self.Status.DRAFT).update(
                status=self.Status.SENDING, started_at=timezone.now(), started_by=by
            )
            if updated:
                self.refresh_from_db()
                self.log("started", by)
            return bool(updated)

    def finish(self):
        """Mark the campaign sent once no delivery is left to try."""
        with transaction.atomic():
            if self.deliveries.filter(status__in=Delivery.OPEN_STATUSES).exists():
                return False
            updated = Campaign.objects.filter(pk=self.pk, status=self.Status.SENDING).update(
                status=self.Status.SENT, finished_at=timezone.now()
            )
            if updated:
                self.refresh_from_db()
                self.log("finished")
            return bool(updated)

    def log(self, kind, by=None, detail=""):
        return self.events.create(kind=kind, by=by, detail=detail)

    def progress(self):
        """How many deliveries are in each state: {"sent": 10, "failed": 1, "pending": 3, …}."""
        counts = dict.fromkeys(Delivery.Status.values, 0)
        rows = self.deliveries.values("status").annotate(n=Count("pk")).order_by()
        counts.update({row["status"]: row["n"] for row in rows})
        return counts


class CampaignEvent(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One campaign to one subscriber: the row that makes sending exactly-once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    OPEN_STATUSES = (Status.PENDING, Status.SENDING)

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    unsubscribed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the reader left, if this was the last issue they got.",
    )

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subscriber"], name="delivery_once"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "status", "next_attempt_at"], name="delivery_due"),
        ]

    def __str__(self):
        return f"{self.campaign} to {self.subscriber or 'an erased subscriber'}"


class DeliveryReport(models.Model):
    """What came back about a delivery after the server took it: a bounce, a delay, a complaint."""

    class Kind(models.TextChoices):
        HARD = "hard", "Hard bounce"
        SOFT = "soft", "Soft bounce"
        DELAYED = "delayed", "Delayed (still being tried)"
        COMPLAINT = "complaint", "Complaint"

    BOUNCES = (Kind.HARD, Kind.SOFT)

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="reports")
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    status = models.CharField(max_length=20, blank=True, help_text="The DSN status, e.g. 5.1.1.")
    diagnostic = models.TextField(blank=True, help_text="What the remote server said.")
    received_via = models.CharField(max_length=20)
    received_at = models.DateTimeField(default=timezone.now)
    raw = models.TextField(help_text="The report as it arrived.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the raw report.")

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["delivery", "kind"], name="report_delivery_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.received_at:%Y-%m-%d %H:%M}"


class LinkClick(models.Model):
    """How often readers followed one link of a campaign (with NEWSLETTER_CLICK_TRACKING on)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="link_clicks")
    url = models.URLField(max_length=2000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-clicks", "url"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "url"], name="link_click_once"),
        ]

    def __str__(self):
        return f"{self.url}: {self.clicks}"


class SuspendedAddressManager(models.Manager.from_queryset(SubscriberQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(status=Subscriber.Status.SUSPENDED)


class SuspendedAddress(Subscriber):
    """A subscriber campaigns skip because their address bounced; an editor may reactivate it."""

    objects = SuspendedAddressManager()

    class Meta:
        proxy = True
        verbose_name = "suspended address"
        verbose_name_plural = "suspended addresses"
        permissions = [("reactivate_suspendedaddress", "Can reactivate a suspended address")]


class CampaignReport(Campaign):
    """A campaign as its report shows it: what was sent, and what came back."""

    class Meta:
        proxy = True
        verbose_name = "campaign report"


class WorkerHeartbeat(models.Model):
    """A process that sends: while its beats keep coming, the deliveries it claimed are its own."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(help_text="The database's clock, so that machines agree.")

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self):
        return f"worker {self.worker_id} on {self.host}, pid {self.pid}"
