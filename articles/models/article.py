"""Articles, their ordered authors, the one rule for what the public sees, and what makes an
article complete."""

from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, Sum, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django_fsm import FSMField, FSMModelMixin
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from analyst.images import UploadedImageField
from analyst.models import account_that_acted

from ..text import plain, teasers, titles
from ..text.richtext import EDITOR_CONFIG, render_html, sanitize_html
from .publication import ALT_TEXT_REQUIRED, Author, Issue, Section, Tag
from .states import AUTHOR_EDITABLE_STATES, PUBLIC_STATES, ArticleStatus
from .workflow import EditorialWorkflow

STRUCTURED_PARTS = ("background", "implications", "conclusions")


class ArticleQuerySet(models.QuerySet):
    def live(self):
        """The one rule for what the public sees.

        Published (or scheduled with its time reached), and its issue, if any, published.
        """
        # The issue's rule as a subquery, not a join: the database can then walk an index in
        # the listing's order and stop at the page it needs.
        published_issues = Issue.objects.published().values("pk")
        return self.filter(
            Q(status__in=PUBLIC_STATES)
            & Q(published_at__lte=timezone.now())
            & (Q(issue__isnull=True) | Q(issue__in=published_issues))
        )

    def next_publication_time(self):
        """When the next article set to go public later does, or None."""
        waiting = self.filter(status__in=PUBLIC_STATES, published_at__gt=timezone.now())
        return waiting.aggregate(at=models.Min("published_at"))["at"]

    def with_authors(self):
        return self.prefetch_related(authors_prefetch())

    def for_listing(self):
        """Everything an article listing shows, in a constant number of queries."""
        return self.select_related("section", "issue").with_authors()

    def without_text(self):
        return self.defer("body", *STRUCTURED_PARTS)

    def in_issue_order(self):
        """The order of an issue's table of contents, wherever it is shown."""
        return self.order_by("section__position", "section__name", "issue_position", "pk")

    def most_read(self, since=None):
        """Ordered by reads since a day (from the daily counts), or by all reads ever."""
        if since is None:
            return self.order_by("-read_count", "-published_at")
        return (
            self.filter(daily_reads__date__gte=since)
            .annotate(recent_reads=Sum("daily_reads__count"))
            .order_by("-recent_reads", "-published_at")
        )


class Part(NamedTuple):
    """One part of an article's text: its anchor, its heading (none in plain articles), its HTML."""

    anchor: str
    heading: str
    stored_html: str

    @property
    def html(self):
        """The part's HTML, cleaned once more on its way out to a page, a feed or an email."""
        return render_html(self.stored_html)

    @property
    def paragraphs(self):
        return plain.paragraphs(self.stored_html)


@dataclass(frozen=True)
class Problem:
    """Something that keeps an article from being complete.

    `field` is the form field it concerns (None for the article as a whole), `summary` completes
    a sentence about the article (“has no authors”), `advice` says what to do next to the field,
    and `on_save` tells whether the article cannot even be saved with it. The others keep a
    draft from being submitted, approved or published, but never from being saved.
    """

    field: str | None
    code: str
    summary: str
    advice: str
    on_save: bool = False


class VersionedNames(models.Model):
    """What each saved version keeps of the article's authors and tags, one name a line."""

    author_names = models.TextField(blank=True)
    tag_names = models.TextField(blank=True)

    class Meta:
        abstract = True


class Article(FSMModelMixin, EditorialWorkflow, models.Model):
    Status = ArticleStatus

    title = models.CharField(max_length=300, help_text="As written; the page sets its own case.")
    display_title = models.CharField(
        max_length=300,
        blank=True,
        help_text="The title as readers see it, when the automatic display case gets it wrong "
        "(a title in capitals is shown in title case, keeping NATO, U.S., SCO…). "
        "Leave empty to use the automatic one.",
    )
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
    image = UploadedImageField(upload_to="articles/", blank=True)
    image_alt = models.CharField(
        "image description", max_length=250, blank=True, help_text="Required with an image."
    )
    image_caption = models.CharField(max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    # Changed only by the workflow's moves (articles/models/workflow.py), never assigned.
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
    created_by = account_that_acted()
    updated_by = account_that_acted()

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        bases=[VersionedNames],
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
            # A section's listing in its order, with what live() asks of each row after it: any
            # page of it is found in the index alone, however deep.
            models.Index(
                fields=["section", "-published_at", "-id", "status", "issue"],
                name="article_section_listing",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATES) | Q(published_at__isnull=False),
                name="article_public_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("body", *STRUCTURED_PARTS):
            setattr(self, field, sanitize_html(getattr(self, field)))
        self.teaser = self.teaser.strip()
        self.derived_teaser = teasers.derive_teaser(self.first_paragraph_html())
        self.word_count = plain.count_words(self.text_html())
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "derived_teaser", "word_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    @property
    def last_changed(self):
        """When what readers see last changed: the last edit, or the publication if later."""
        return max(filter(None, [self.updated_at, self.published_at]))

    @property
    def shown_title(self):
        """The title as readers see it: the editor's own, or the title in display case."""
        return self.display_title.strip() or titles.display_case(self.title)

    def clean(self):
        errors = {}
        for problem in self.problems_refused_on_save():
            error = ValidationError(problem.advice, code=problem.code)
            errors.setdefault(problem.field, []).append(error)
        if errors:
            raise ValidationError(errors)

    def problems_refused_on_save(self):
        """A draft saves whatever it still misses; an article past its draft keeps what it has."""
        found = self.problems()
        if self.pk is None or self.status in AUTHOR_EDITABLE_STATES:
            return [problem for problem in found if problem.on_save]
        stored = type(self).objects.get(pk=self.pk).problems()
        had = {(problem.field, problem.code) for problem in stored}
        return [p for p in found if p.on_save or (p.field, p.code) not in had]

    def problems(self):
        """Everything that keeps the article from being complete, as Problems."""
        found = list(self._text_problems())
        if self.pk is not None and not self.authorships.all():
            found.append(Problem(None, "no_authors", "has no authors", "Add its authors."))
        if not (self.teaser.strip() or teasers.derive_teaser(self.first_paragraph_html())):
            found.append(Problem("teaser", "no_teaser", "has no teaser", "Write a teaser."))
        if self.image and not self.image_alt.strip():
            summary = "has an image without a description (alt text)"
            found.append(Problem("image_alt", "alt_required", summary, ALT_TEXT_REQUIRED))
        if self.status in PUBLIC_STATES and not self.published_at:
            advice = "Give the time the article is public from."
            summary = "has no publication time"
            found.append(Problem("published_at", "no_time", summary, advice, on_save=True))
        return found

    def _text_problems(self):
        if self.section_id is None:
            return
        if not self.section.structured:
            if not plain.has_text(self.text_html()):
                advice = "Write the article's text."
                yield Problem("body", "empty_body", "has no text", advice)
            return
        for part in STRUCTURED_PARTS:
            if not plain.has_text(getattr(self, part)):
                name = part.title()
                advice = f"Articles in {self.section} need a {name} part."
                summary = f"misses its {name} part"
                yield Problem(part, "missing_part", summary, advice)
        if plain.has_text(self.body):
            advice = (
                f"Articles in {self.section} are written in three parts: move this text into "
                "Background, Implications and Conclusions."
            )
            summary = "has text outside its parts"
            yield Problem("body", "body_in_structured_section", summary, advice)

    @property
    def is_structured(self):
        return any(plain.has_text(getattr(self, part)) for part in STRUCTURED_PARTS)

    def parts(self):
        """The text as Parts: Background, Implications and Conclusions, or one unheaded part."""
        if self.is_structured:
            return [Part(part, part.upper(), getattr(self, part)) for part in STRUCTURED_PARTS]
        return [Part("text", "", self.body)]

    def text_html(self):
        return "".join(part.stored_html for part in self.parts())

    def first_paragraph_html(self):
        return plain.first_paragraph(self.text_html())

    @property
    def listing_teaser(self):
        return self.teaser or self.derived_teaser

    @property
    def ordered_authors(self):
        return [authorship.author for authorship in self.authorships.all()]

    @property
    def byline(self):
        """The authors' names as a byline reads them: “A”, “A and B”, “A, B and C”."""
        return str(get_text_list([author.name for author in self.ordered_authors], "and"))

    @property
    def bio_line(self):
        if self.bio:
            return self.bio
        return " ".join(author.bio for author in self.ordered_authors if author.bio)

    @property
    def bio_label(self):
        return "AUTHORS’ BIO" if len(self.authorships.all()) > 1 else "AUTHOR’S BIO"


class Authorship(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    position = models.PositiveSmallIntegerField(default=0)
    affiliation = models.CharField(
        max_length=250,
        blank=True,
        help_text="Where the author wrote this article from, shown after the name in its byline "
        "(“By A, University of Kent”). Leave empty for none.",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="authorship_unique"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


def authors_prefetch():
    """The articles' authorships with their authors, in byline order, in one query."""
    return Prefetch("authorships", queryset=Authorship.objects.select_related("author"))


def prefetch_authors(articles, *lookups):
    """Load the authors (and any other `lookups`) of a list of articles in one go."""
    prefetch_related_objects(articles, authors_prefetch(), *lookups)


def by_section(articles):
    """Articles in issue order as a table of contents: [(section, [article, …]), …]."""
    return [(section, list(items)) for section, items in groupby(articles, attrgetter("section"))]


def next_public_change():
    """When the next article or issue set to go public later does, or None."""
    moments = [Article.objects.next_publication_time(), Issue.objects.next_publication_time()]
    return min(filter(None, moments), default=None)
