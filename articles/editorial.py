"""The workflow's records: every move of an article, secret preview links, issue publications."""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

PREVIEW_SALT = "articles.preview-link"


class Transition(models.Model):
    """One entry of an article's log: a move between states, a correction, an author's answer."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(max_length=30)
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

    @property
    def actor(self):
        if self.by_id:
            return self.by.get_full_name() or self.by.get_username()
        return self.by_name or "someone"


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
