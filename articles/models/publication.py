"""What the publication is made of around its articles: sections, issues, authors, tags, and the
sidebar's staff publications and partner sites."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from analyst.images import UploadedImageField


class SectionQuerySet(models.QuerySet):
    def listed(self):
        """Sections readers may see: in the navigation, with a page and feeds of their own."""
        return self.filter(listed=True)


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Shown at the top of the section page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order, lowest first."
    )
    structured = models.BooleanField(
        default=False,
        help_text="Articles in this section are written in three parts: "
        "Background, Implications and Conclusions.",
    )
    listed = models.BooleanField(
        default=True,
        help_text="Shown to readers: in the navigation, with its own page and feeds. A section "
        "imported from a category the old site hid starts unlisted.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", args=[self.slug])


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Issues a reader may see: published, and their publication time reached."""
        return self.filter(status=Issue.Status.PUBLISHED, published_at__lte=timezone.now())

    def next_publication_time(self):
        """When the next issue published for later goes public, or None."""
        waiting = self.filter(status=Issue.Status.PUBLISHED, published_at__gt=timezone.now())
        return waiting.aggregate(at=Min("published_at"))["at"]


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    date = models.DateField(unique=True, help_text="The date the issue appears on.")
    volume = models.PositiveSmallIntegerField(help_text="One volume a year.")
    number = models.PositiveSmallIntegerField(help_text="The issue's number within its volume.")
    slug = models.SlugField(max_length=20, unique=True, editable=False)
    title = models.CharField(max_length=200, blank=True, help_text="Optional, for a themed issue.")
    cover = UploadedImageField(upload_to="issues/", blank=True)
    cover_alt = models.CharField(
        "cover description", max_length=250, blank=True, help_text="Required with a cover image."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        permissions = [("publish_issue", "Can publish an issue and its approved articles")]
        constraints = [
            models.UniqueConstraint(fields=["volume", "number"], name="issue_volume_number_unique"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="issue_published_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.date:%-d %B %Y} (vol. {self.volume}, no. {self.number})"

    def save(self, *args, **kwargs):
        self.slug = self.date.isoformat()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:issue", args=[self.slug])

    def clean(self):
        require_alt_text(self, "cover", "cover_alt")

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(max_length=250, blank=True)
    bio = models.TextField(
        blank=True, help_text="Printed under the author's articles unless an article has its own."
    )
    photo = UploadedImageField(upload_to="authors/", blank=True)
    photo_alt = models.CharField(
        "photo description", max_length=250, blank=True, help_text="Required with a photo."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The account this author signs in with, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])

    def clean(self):
        require_alt_text(self, "photo", "photo_alt")


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", args=[self.slug])


class StaffPublication(models.Model):
    class Kind(models.TextChoices):
        SILK_ROAD_PAPER = "silk-road-paper", "Silk Road Paper"
        ANALYSIS = "analysis", "Analysis"
        OP_ED = "op-ed", "Op-ed"
        BOOK = "book", "Book"
        POLICY_BRIEF = "policy-brief", "Policy Brief"
        REPORT = "report", "Report"

    kind = models.CharField(max_length=30, choices=Kind)
    authors = models.CharField(
        max_length=300, help_text="As they should read: “A. Name and B. Name”."
    )
    title = models.CharField(max_length=300)
    outlet = models.CharField(
        max_length=200, blank=True, help_text="Where it appeared; blank for our own publications."
    )
    date = models.DateField()
    url = models.URLField("link", blank=True)
    cover = UploadedImageField(upload_to="staff-publications/", blank=True)
    cover_alt = models.CharField(
        "cover description", max_length=250, blank=True, help_text="Required with a cover image."
    )

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        require_alt_text(self, "cover", "cover_alt")


class PartnerSite(models.Model):
    name = models.CharField(max_length=200)
    url = models.URLField("address")
    logo = UploadedImageField(upload_to="partners/", blank=True)
    logo_alt = models.CharField(
        "logo description", max_length=250, blank=True, help_text="Required with a logo."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lowest first.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        require_alt_text(self, "logo", "logo_alt")


ALT_TEXT_REQUIRED = "Describe the image for readers who cannot see it."


def require_alt_text(instance, image_field, alt_field):
    if getattr(instance, image_field) and not getattr(instance, alt_field).strip():
        raise ValidationError({alt_field: ALT_TEXT_REQUIRED}, code="alt_required")


def unique_slug(model, text, max_length=200):
    """A slug made from `text` that no row of `model` has yet: `name`, `name-2`, `name-3`…"""
    slug = slugify(text)[:max_length].strip("-") or model._meta.model_name
    candidate, number = slug, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = slug[: max_length - len(suffix)] + suffix
    return candidate
