"""Turn one ImportItem into Django objects, in one transaction, so that importing again is safe.

An item is recognised by its ImportRecord (source and key): unchanged since the last import, it
is skipped; changed, its article is updated in place (slug, and so its address, kept); edited on
this site since, it is left alone unless told to overwrite. Sections, authors, tags and issues
are found by name or date, and created when missing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify

from analyst.images import validate_image

from ..models import (
    STRUCTURED_PARTS,
    Article,
    Author,
    Authorship,
    ImportRecord,
    Issue,
    Redirect,
    Section,
    Tag,
    Transition,
    normalize_path,
    unique_slug,
)
from ..text.richtext import sanitize_html
from .attaching import AttachingMixin
from .errors import describe
from .parts import split_parts

HTML_FIELDS = {"body", *STRUCTURED_PARTS}
REPORTED_FIELDS = {
    "title": "title",
    "section": "section",
    "issue": "issue",
    "teaser": "teaser",
    "body": "text",
    "background": "text",
    "implications": "text",
    "conclusions": "text",
    "bio": "bio line",
    "status": "state",
    "published_at": "publication time",
    "legacy_read_count": "read count",
    "legacy_read_count_date": None,
}


@dataclass
class Outcome:
    action: str  # created, updated, unchanged, skipped, failed
    label: str
    reason: str = ""
    url: str = ""
    warnings: list[str] = field(default_factory=list)
    hidden: str = ""  # why it is imported hidden
    facts: dict = field(default_factory=dict)  # what it became, for the report


class Writer(AttachingMixin):
    def __init__(self, *, dry_run=False, overwrite_edits=False, first_year=None, today=None):
        self.dry_run = dry_run
        self.overwrite_edits = overwrite_edits
        self.first_year = first_year
        self.today = today or timezone.localdate()
        self._cache = {}
        self._files = []
        self._made = set()  # (kind, name) of the sections and authors made for this item
        self._records = None  # the batch's import records, by (source, key), from prepare()
        self._facts = {}

    def write(self, item):
        """Import one item; whatever goes wrong, nothing of it is left behind."""
        self._files, self._made = [], set()
        self._facts = {"source": item.source, "key": item.key, "title": item.title}
        try:
            with transaction.atomic():
                outcome = self._write(item)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Exception as error:  # one bad item must not stop the others
            self._forget()
            return Outcome(
                "failed",
                item.label,
                reason=describe(error),
                warnings=item.warnings,
                facts=self._facts,
            )
        if self.dry_run:
            self._forget()
        return outcome

    def _forget(self):
        """Drop cached objects that a rolled-back transaction may have created."""
        self._cache.clear()
        for file in self._files:
            file.storage.delete(file.name)
        self._files = []

    def _write(self, item):
        record = self._record_of(item)
        checksum = item.checksum
        if record and record.checksum == checksum:
            reason = "unchanged since the last import"
            return self._outcome("unchanged", item, record.article, reason)
        if record and record.article.updated_at > record.updated_at and not self.overwrite_edits:
            return self._outcome(
                "skipped",
                item,
                record.article,
                "edited on this site since the last import; left as it is (--overwrite-edits)",
            )
        if item.image:
            validate_image(ContentFile(item.image.content, name=item.image.name))
        is_new = record is None
        article = Article() if is_new else record.article
        state_before = article.status
        changed = self._apply(article, item)
        self._save_relations(article, item, changed, is_new=is_new)
        if is_new or "status" in changed:
            self._log_state(article, item, from_state=None if is_new else state_before)
        if is_new:
            record = ImportRecord(source=item.source, key=item.key, article=article)
        record.checksum = checksum
        record.set_warnings(item.warnings)
        record.save()
        self._note_facts(article, item)
        if is_new:
            return self._outcome("created", item, article)
        if not changed:
            reason = "the source changed, the article did not"
            return self._outcome("updated", item, article, reason)
        reason = "changed: " + ", ".join(_reported(changed))
        return self._outcome("updated", item, article, reason)

    def prepare(self, items):
        """Look up the import records of a batch of items at once."""
        keys = {(item.source, item.key) for item in items}
        records = ImportRecord.objects.select_related("article").filter(
            key__in={key for _, key in keys}
        )
        self._records = dict.fromkeys(keys)  # None: not imported before
        self._records.update(
            ((record.source, record.key), record)
            for record in records
            if (record.source, record.key) in keys
        )

    def _record_of(self, item):
        if self._records is not None and (item.source, item.key) in self._records:
            return self._records.pop((item.source, item.key))
        return (
            ImportRecord.objects.select_related("article")
            .filter(source=item.source, key=item.key)
            .first()
        )

    def _outcome(self, action, item, article, reason=""):
        if self.dry_run and action in ("created", "updated"):
            action = f"would be {action}"
        url = article.get_absolute_url() if article.slug and not item.hidden_reason else ""
        return Outcome(
            action,
            item.label,
            reason=reason,
            url=url,
            warnings=item.warnings,
            hidden=item.hidden_reason,
            facts={"state": article.status, **self._facts},
        )

    def _new_or_matched(self, author):
        return "new" if ("author", author.name.lower()) in self._made else "matched"

    def _note_facts(self, article, item):
        """What the report says of the article beyond its state."""
        section = article.section
        made = ("section", section.name.lower()) in self._made
        self._facts.update(
            section=f"{section} ({'new' if made else 'existing'}"
            f"{'' if section.listed else ', unlisted'})",
            authors=[f"{author.name} ({self._new_or_matched(author)})" for author in item.authors],
            affiliations=[
                f"{author.name}: {author.affiliation}"
                for author in item.authors
                if author.affiliation
            ],
            date=item.issue_date.isoformat() if item.issue_date else "",
            date_source=item.date_source,
        )

    def _log_state(self, article, item, from_state):
        """Say on the article's Activity where it came from, and why it is hidden if it is."""
        source = dict(ImportRecord.Source.choices).get(item.source, item.source)
        comment = item.hidden_reason or "public on the old site"
        Transition.record(
            article,
            Transition.Action.IMPORT,
            by_name=f"Import from {source}",
            comment=f"{item.label}: {comment}",
            from_state=from_state,
        )

    def _apply(self, article, item):
        """Set the article's fields from the item; return the names of those that changed."""
        section = self._section(item.section, listed=item.section_listed)
        values = {
            "title": item.title[:300],
            "section": section,
            "issue": self._issue_of(item),
            "teaser": item.teaser.strip(),
            "bio": item.bio.strip(),
            "status": item.status,
            "published_at": as_datetime(item.published_at),
            **self._text(item, section),
        }
        if article.pk is None:
            values["slug"] = unique_slug(Article, item.slug or item.title)
        changed = [name for name, value in values.items() if _differs(article, name, value)]
        for name in changed:
            if name == "status":
                # The workflow's state field refuses assignment; an archive brought in keeps the
                # state it had in the old system, and the workflow's moves start from there.
                article.__dict__["status"] = values[name]
            else:
                setattr(article, name, values[name])
        if item.legacy_reads is not None and item.legacy_reads != article.legacy_read_count:
            changed.append("legacy_read_count")
        return changed

    def _text(self, item, section):
        parts = split_parts(item.body) if section.structured else None
        if section.structured and parts is None:
            item.warnings.append(
                f"{section} articles have BACKGROUND, IMPLICATIONS and CONCLUSIONS; "
                "this text lacks them and was kept whole"
            )
        self._facts["parts"] = _parts_found(section, parts)
        if parts:
            return {"body": "", **parts}
        return {"body": item.body, **dict.fromkeys(STRUCTURED_PARTS, "")}

    def _save_relations(self, article, item, changed, *, is_new):
        reads_delta = 0
        if "legacy_read_count" in changed:
            reads_delta = item.legacy_reads - article.legacy_read_count
            article.legacy_read_count = item.legacy_reads
            article.legacy_read_count_date = self.today
            changed.append("legacy_read_count_date")
        if is_new:
            article.read_count = article.legacy_read_count
            article.save()
        elif changed:
            # Not read_count: readers may be counted while we write.
            article.save(update_fields=[*changed, "updated_at"])
        if reads_delta and not is_new:
            Article.objects.filter(pk=article.pk).update(
                read_count=Greatest(F("read_count") + reads_delta, 0)
            )
            changed.append("read count")
        if self._set_authors(article, item, is_new):
            changed.append("authors")
        if self._set_tags(article, item, is_new):
            changed.append("tags")
        if item.image and self._set_image(article, item):
            changed.append("image")
        if (item.attachments or not is_new) and self._set_attachments(article, item):
            changed.append("attachments")
        self._keep_old_paths(article, item)

    def _set_authors(self, article, item, is_new):
        wanted = {}  # author id → affiliation, in byline order
        for author in item.authors:
            wanted.setdefault(self._author(author.name, author.bio).pk, author.affiliation[:250])
        if not is_new:
            current = list(article.authorships.values_list("author_id", "affiliation"))
            if current == list(wanted.items()):
                return False
            article.authorships.all().delete()
        Authorship.objects.bulk_create(
            Authorship(
                article=article, author_id=author_id, affiliation=affiliation, position=position
            )
            for position, (author_id, affiliation) in enumerate(wanted.items())
        )
        return not is_new

    def _set_tags(self, article, item, is_new):
        wanted = {self._tag(name).pk for name in item.tags}
        if is_new:
            # Straight into the table: a new article has no tags to compare with, and its
            # search entry is rebuilt at the end of the batch.
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article=article, tag_id=tag_id) for tag_id in wanted
            )
            return False
        if set(article.tags.values_list("pk", flat=True)) == wanted:
            return False
        article.tags.set(wanted)
        return True

    def _set_image(self, article, item):
        caption = item.image.caption.strip()
        article.image_caption = caption[:300]
        article.image_alt = (caption or f"Illustration for {item.title}")[:250]
        if not self.dry_run:
            article.image.save(item.image.name, ContentFile(item.image.content), save=False)
            self._files.append(article.image)
        article.save(update_fields=["image", "image_alt", "image_caption", "updated_at"])
        return True

    def _keep_old_paths(self, article, item):
        paths = list(dict.fromkeys(map(normalize_path, item.old_paths)))
        if not paths:
            return
        if item.hidden_reason:
            # Hidden on the old site: its old addresses lead nowhere here either.
            Redirect.objects.filter(article=article, old_path__in=paths).delete()
            return
        existing = dict(
            Redirect.objects.filter(old_path__in=paths).values_list("old_path", "article_id")
        )
        for path, article_id in existing.items():
            if article_id != article.pk:
                item.warnings.append(f"the old address {path} already leads elsewhere; kept as is")
        Redirect.objects.bulk_create(
            Redirect(old_path=path, article=article) for path in paths if path not in existing
        )

    def _cached(self, kind, key, make):
        cache = self._cache.setdefault(kind, {})
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def _section(self, name, listed=True):
        """The section of that name; one made for a category the old site hid is unlisted."""

        def find_or_create():
            slug = slugify(name)[:100] or "imported"
            found = (
                Section.objects.filter(name__iexact=name).first()
                or Section.objects.filter(slug=slug).first()
            )
            if found:
                return found
            self._made.add(("section", name.lower()))
            return Section.objects.create(name=name[:100], slug=slug, listed=listed)

        return self._cached("section", name.lower(), find_or_create)

    def _author(self, name, bio=""):
        def find_or_create():
            found = Author.objects.filter(name__iexact=name).first()
            if found:
                return found
            slug = unique_slug(Author, name)
            self._made.add(("author", name.lower()))
            return Author.objects.create(name=name[:200], slug=slug, bio=bio)

        author = self._cached("author", name.lower(), find_or_create)
        if bio and not author.bio:
            author.bio = bio
            author.save(update_fields=["bio"])
        return author

    def _tag(self, name):
        def find_or_create():
            slug = slugify(name)[:100] or "tag"
            found = Tag.objects.filter(name__iexact=name).first()
            return (
                found
                or Tag.objects.filter(slug=slug).first()
                or Tag.objects.create(name=name[:100], slug=unique_slug(Tag, name, max_length=100))
            )

        return self._cached("tag", name.lower(), find_or_create)

    def _issue_of(self, item):
        """Its issue; a hidden item joins an issue there is, and makes none readers would see."""
        if not item.issue_date:
            return None
        if item.hidden_reason and item.issue_date not in self._cache.get("issue", {}):
            return Issue.objects.filter(date=item.issue_date).first()
        return self._issue(item.issue_date, item.published_at)

    def _issue(self, day, published_at):
        issues = self._cache.setdefault("issue", {})
        if day not in issues:
            issues[day] = self._find_or_create_issue(day, published_at)
        return issues[day]

    def _find_or_create_issue(self, day, published_at):
        """The issue of that date; a new one is numbered within its year, in date order."""
        if found := Issue.objects.filter(date=day).first():
            return found
        volume = self._volume(day.year)
        issues = list(Issue.objects.filter(volume=volume).order_by("-number"))
        later = [issue.number for issue in issues if issue.date > day]
        number = min(later) if later else max((i.number for i in issues), default=0) + 1
        for issue in issues:  # highest first, so no two share a number on the way
            if issue.number >= number:
                issue.number += 1
                issue.save(update_fields=["number"])
        start = start_of_day(day)
        return Issue.objects.create(
            date=day,
            volume=volume,
            number=number,
            status=Issue.Status.PUBLISHED,
            published_at=min(start, as_datetime(published_at) or start),
        )

    def _volume(self, year):
        """One volume a year, counted on from the issues already there, or from the first year."""
        if same_year := Issue.objects.filter(date__year=year).values_list("volume", flat=True)[:1]:
            return same_year[0]
        if known := Issue.objects.order_by("date").first():
            return max(1, known.volume + year - known.date.year)
        return max(1, year - (self.first_year or year) + 1)


def _parts_found(section, parts):
    if not section.structured:
        return ""
    return ", ".join(parts) if parts else "none: kept whole"


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def as_datetime(value):
    """A source's date or naive time as an aware time (dates start the day, here)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return start_of_day(value) if isinstance(value, date) else None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _differs(article, name, value):
    if name in ("section", "issue"):
        return getattr(article, f"{name}_id") != (value.pk if value else None)
    current = getattr(article, name)
    if name in HTML_FIELDS:
        return current != sanitize_html(value)
    return current != value


def _reported(changed):
    names = (REPORTED_FIELDS.get(name, name) for name in changed)
    return [name for name in dict.fromkeys(names) if name]
