"""The workflow's records: each entry of an article's log, preview links, issue publications."""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .states import ArticleStatus

PREVIEW_SALT = "articles.preview-link"


class Transition(models.Model):
    """One entry of an article's log: a move between states, a correction, an author's answer."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Submitted for review"
        REQUEST_CHANGES = "request_changes", "Sent back with changes requested"
        APPROVE = "approve", "Approved"
        SCHEDULE = "schedule", "Scheduled"
        UNSCHEDULE = "unschedule", "Unscheduled"
        PUBLISH = "publish", "Published"
        WITHDRAW = "withdraw", "Withdrawn"
        CORRECT = "correct", "Correction"
        RESTORE = "restore", "Restored an earlier version"
        AUTHOR_APPROVED = "author_approved", "Approved the preview"
        AUTHOR_COMMENTED = "author_commented", "Commented on the preview"
        IMPORT = "import", "Imported"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(max_length=30, choices=Action)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(
        max_length=200, blank=True, help_text="Who acted, when it was someone without an account."
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_at")]

    def __str__(self):
        return f"{self.article}: {self.action} by {self.actor}"

    @classmethod
    def record(cls, article, action, *, by=None, by_name="", comment="", from_state=None):
        """Log an entry on the article: a move from `from_state`, or an act that keeps its state."""
        return cls.objects.create(
            article=article,
            action=action,
            from_state=from_state or article.status,
            to_state=article.status,
            by=by,
            by_name=by_name,
            comment=comment,
        )

    @property
    def actor(self):
        if self.by_id:
            return self.by.get_full_name() or self.by.get_username()
        return self.by_name or "someone"

    @property
    def summary(self):
        """The entry in words: “Submitted for review → In review”, “Correction”."""
        if self.from_state == self.to_state:
            return self.get_action_display()
        target = dict(ArticleStatus.choices).get(self.to_state, self.to_state)
        return f"{self.get_action_display()} → {target}"


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A secret address that lets an outside author read an article before it is public."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="preview_links"
    )
    recipient = models.CharField("for", max_length=200, help_text="Whom the link is for.")
    key = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Preview of {self.article} for {self.recipient}"

    def save(self, *args, **kwargs):
        self.key = self.key or secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        token = signing.Signer(salt=PREVIEW_SALT).sign(self.key)
        return reverse("articles:preview-link", args=[token])

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self):
        """Make the link stop working at once; revoking it again changes nothing."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class IssuePublication(models.Model):
    """Who published an issue, when they did it, and for when."""

    issue = models.ForeignKey(
        "articles.Issue", on_delete=models.CASCADE, related_name="publications"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    public_from = models.DateTimeField()
    article_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.issue} published by {self.by}"
