from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_fsm import FSMField, FSMModelMixin
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from . import text
from .images import validate_image
from .richtext import EDITOR_CONFIG, sanitize_html
from .workflow import EditorialWorkflow

STRUCTURED_PARTS = ("background", "implications", "conclusions")


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


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    date = models.DateField(unique=True, help_text="The date the issue appears on.")
    volume = models.PositiveSmallIntegerField(help_text="One volume a year.")
    number = models.PositiveSmallIntegerField(help_text="The issue's number within its volume.")
    slug = models.SlugField(max_length=20, unique=True, editable=False)
    title = models.CharField(max_length=200, blank=True, help_text="Optional, for a themed issue.")
    cover = models.ImageField(upload_to="issues/", blank=True, validators=[validate_image])
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
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(max_length=250, blank=True)
    bio = models.TextField(
        blank=True, help_text="Printed under the author's articles unless an article has its own."
    )
    photo = models.ImageField(upload_to="authors/", blank=True, validators=[validate_image])
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


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """The one rule for what the public sees.

        Published (or scheduled with its time reached), and its issue, if any, published.
        """
        now = timezone.now()
        return self.filter(
            Q(status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED])
            & Q(published_at__lte=now)
            & (
                Q(issue__isnull=True)
                | Q(issue__status=Issue.Status.PUBLISHED, issue__published_at__lte=now)
            )
        )

    def for_listing(self):
        """Everything an article listing shows, in a constant number of queries."""
        return self.select_related("section", "issue").prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
        )

    def without_text(self):
        return self.defer("body", *STRUCTURED_PARTS)

    def most_read(self, since=None):
        """Ordered by reads since a day (from the daily counts), or by all reads ever."""
        if since is None:
            return self.order_by("-read_count", "-published_at")
        return (
            self.filter(daily_reads__date__gte=since)
            .annotate(recent_reads=Sum("daily_reads__count"))
            .order_by("-recent_reads", "-published_at")
        )


class Article(FSMModelMixin, EditorialWorkflow, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300, help_text="As written; the page sets its own case.")
    slug = models.SlugField(max_length=200, unique=True, help_text="The article's web address.")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    issue_position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the issue's section, lowest first."
    )
    authors = models.ManyToManyField(Author, through="Authorship", related_name="articles")
    teaser = models.TextField(
        blank=True,
        help_text="One or two sentences for listings and emails. "
        "Leave blank to use the start of the first paragraph.",
    )
    body = ProseEditorField(
        config=EDITOR_CONFIG, sanitize=True, blank=True, help_text="The full text."
    )
    background = ProseEditorField(config=EDITOR_CONFIG, sanitize=True, blank=True)
    implications = ProseEditorField(config=EDITOR_CONFIG, sanitize=True, blank=True)
    conclusions = ProseEditorField(config=EDITOR_CONFIG, sanitize=True, blank=True)
    bio = models.TextField(
        "bio line",
        blank=True,
        help_text="Printed after the text. Leave blank to print the authors' own bios.",
    )
    image = models.ImageField(upload_to="articles/", blank=True, validators=[validate_image])
    image_alt = models.CharField(
        "image description", max_length=250, blank=True, help_text="Required with an image."
    )
    image_caption = models.CharField(max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    # Changed only by the transition methods (articles/workflow.py), never assigned.
    status = FSMField(choices=Status, default=Status.DRAFT, db_index=True, protected=True)
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When the article is (or goes) public."
    )
    read_count = models.PositiveIntegerField(default=0, editable=False)
    legacy_read_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Reads carried over from the previous system."
    )
    legacy_read_count_date = models.DateField(null=True, blank=True, editable=False)
    derived_teaser = models.TextField(blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "read_count",
            "legacy_read_count",
            "legacy_read_count_date",
            "derived_teaser",
            "word_count",
            "updated_at",
        ],
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("submit_article", "Can submit articles for review"),
            ("review_article", "Can review, approve, schedule, publish and withdraw articles"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published"),
            models.Index(fields=["issue", "issue_position"], name="article_issue_position"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled"]) | Q(published_at__isnull=False),
                name="article_public_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("body", *STRUCTURED_PARTS):
            setattr(self, field, sanitize_html(getattr(self, field)))
        self.teaser = self.teaser.strip()
        self.derived_teaser = text.derive_teaser(self.first_paragraph_html())
        self.word_count = text.count_words(self.text_html())
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "derived_teaser", "word_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def clean(self):
        require_alt_text(self, "image", "image_alt")
        if self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED) and not self.published_at:
            raise ValidationError(
                {"published_at": "Give the time the article is public from."}, code="no_time"
            )
        if self.section_id is None:
            return
        if self.section.structured:
            self._clean_structured()
        elif not text.has_text(self.body):
            raise ValidationError({"body": "Write the article's text."}, code="empty_body")

    def _clean_structured(self):
        errors = {
            part: ValidationError(
                f"Articles in {self.section} need a {part.title()} part.", code="missing_part"
            )
            for part in STRUCTURED_PARTS
            if not text.has_text(getattr(self, part))
        }
        if text.has_text(self.body):
            errors["body"] = ValidationError(
                f"Articles in {self.section} are written in three parts: move this text into "
                "Background, Implications and Conclusions.",
                code="body_in_structured_section",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_structured(self):
        return any(text.has_text(getattr(self, part)) for part in STRUCTURED_PARTS)

    def parts(self):
        """The text as (anchor, heading, html) parts; one unheaded part for plain articles."""
        if self.is_structured:
            return [(part, part.upper(), getattr(self, part)) for part in STRUCTURED_PARTS]
        return [("text", "", self.body)]

    def text_html(self):
        return "".join(html for _, _, html in self.parts())

    def first_paragraph_html(self):
        return text.first_paragraph(self.text_html())

    @property
    def listing_teaser(self):
        return self.teaser or self.derived_teaser

    @property
    def ordered_authors(self):
        return [authorship.author for authorship in self.authorships.all()]

    @property
    def bio_line(self):
        if self.bio:
            return self.bio
        return " ".join(author.bio for author in self.ordered_authors if author.bio)

    @property
    def bio_label(self):
        return "AUTHORS' BIO" if len(self.authorships.all()) > 1 else "AUTHOR'S BIO"


class Authorship(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="authorship_unique"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class DailyReads(models.Model):
    """How many reads an article had on one day (in the publication's time zone)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_reads")
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily reads"
        ordering = ["-date"]
        indexes = [models.Index(fields=["date", "article"], name="dailyreads_date_article")]
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="dailyreads_one_per_day"),
        ]

    def __str__(self):
        return f"{self.article} on {self.date}: {self.count}"


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
    cover = models.ImageField(
        upload_to="staff-publications/", blank=True, validators=[validate_image]
    )
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
    logo = models.ImageField(upload_to="partners/", blank=True, validators=[validate_image])
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


class SearchEntry(models.Model):
    """What search looks in for one article besides its own fields (kept by articles.search)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    names = models.TextField(blank=True, help_text="The article's authors and tags.")
    # Only PostgreSQL fills it: title (A), teaser and names (B), text (C).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [GinIndex(fields=["vector"], name="searchentry_vector")]

    def __str__(self):
        return f"Search entry of {self.article_id}"


def require_alt_text(instance, image_field, alt_field):
    if getattr(instance, image_field) and not getattr(instance, alt_field).strip():
        raise ValidationError(
            {alt_field: "Describe the image for readers who cannot see it."}, code="alt_required"
        )


class ImportRecord(models.Model):
    """Where an imported article came from, so that importing again updates it in place."""

    class Source(models.TextChoices):
        K2 = "k2", "Joomla/K2"
        PAGES = "pages", "Saved pages"

    source = models.CharField(max_length=20, choices=Source)
    key = models.CharField(
        max_length=300, help_text="The item's id in its source (a K2 item id, a page's date/title)."
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="import_records")
    checksum = models.CharField(max_length=64, help_text="Digest of the source item last imported.")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="importrecord_unique_key"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.key}"


class Redirect(models.Model):
    """An old address that now answers with a permanent redirect (only where no page answers)."""

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="The path on the old site, such as /analytical-articles/item/123-title.html. "
        "A query string (?print=1) is ignored.",
    )
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="redirects",
        help_text="The article it leads to; it redirects only while the article is public.",
    )
    target_url = models.CharField(
        "other target",
        max_length=500,
        blank=True,
        help_text="Or any address on this site (/issues/) or elsewhere (https://…).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True, target_url__gt="")
                | Q(article__isnull=False, target_url=""),
                name="redirect_has_one_target",
            ),
        ]

    def __str__(self):
        return self.old_path

    def save(self, *args, **kwargs):
        self.old_path = normalize_path(self.old_path)
        super().save(*args, **kwargs)

    def clean(self):
        self.old_path = normalize_path(self.old_path)
        if not self.old_path.startswith("/"):
            raise ValidationError(
                {"old_path": "Give the path on the old site, starting with /."}, code="not_a_path"
            )
        if (self.article_id is None) == (not self.target_url.strip()):
            raise ValidationError(
                "Choose either an article or another target, not both.", code="one_target"
            )
        if self.target_url and not self.target_url.startswith(("/", "https://", "http://")):
            raise ValidationError(
                {"target_url": "Give an address on this site (/…) or a web address (https://…)."},
                code="bad_target",
            )

    @property
    def target(self):
        return self.article.get_absolute_url() if self.article_id else self.target_url


def normalize_path(address):
    """Return the path of an address as the old site would have been asked for it."""
    path = urlsplit(address.strip()).path or "/"
    return unquote(path)


# The workflow's own records: the transition log, secret preview links, issue publications.
from .editorial import IssuePublication, PreviewLink, Transition  # noqa: E402, F401
