"""What a source hands the writer: one article, as plain data, with a digest of itself."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from ..models import ArticleStatus


@dataclass
class ImportAuthor:
    name: str
    bio: str = ""
    # Where the author wrote from for this article, as the byline said: kept on the authorship.
    affiliation: str = ""


@dataclass
class ImportImage:
    name: str
    content: bytes = field(repr=False)
    caption: str = ""


@dataclass
class ImportAttachment:
    """A file to offer with the article: a K2 attachment, or a PDF the text linked to."""

    name: str
    content: bytes = field(repr=False)
    title: str = ""
    found_at: str = ""  # where it was on the old site, to recognise it at the next import
    # The links in the text that pointed at it, to point at the new file instead.
    hrefs: list[str] = field(default_factory=list)


@dataclass
class ImportItem:
    source: str
    key: str
    label: str
    title: str
    section: str
    slug: str = ""
    status: str = ArticleStatus.DRAFT
    published_at: datetime | None = None
    issue_date: date | None = None
    # Where the issue date was read: "byline", "date line" (under the byline), "dateline", …
    date_source: str = ""
    authors: list[ImportAuthor] = field(default_factory=list)
    teaser: str = ""
    body: str = ""
    bio: str = ""
    tags: list[str] = field(default_factory=list)
    legacy_reads: int | None = None
    image: ImportImage | None = None
    old_paths: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why the old site did not show it to the public ("" when it did); such an item is imported
    # hidden, without redirects from its old addresses.
    hidden_reason: str = ""
    # False when its category was hidden: a section made for it is not listed to readers.
    section_listed: bool = True
    # Where issue_date came from: "byline", "date line", "publish date"…, for the report.
    date_source: str = ""
    attachments: list[ImportAttachment] = field(default_factory=list)

    @property
    def checksum(self):
        """A digest of everything imported, so an unchanged item is recognised and skipped."""
        data = asdict(self)
        data.pop("warnings")
        data.pop("date_source")
        if self.image:
            data["image"] = [self.image.name, self.image.caption, _digest(self.image.content)]
        data["attachments"] = [
            [file.name, file.title, file.found_at, file.hrefs, _digest(file.content)]
            for file in self.attachments
        ]
        encoded = json.dumps(data, sort_keys=True, default=str).encode()
        return _digest(encoded)


def _digest(content):
    return hashlib.sha256(content).hexdigest()


class ItemError(Exception):
    """One item that cannot be imported; the others go on."""

    action = "failed"

    def __init__(self, label, reason, *, source="", key=""):
        super().__init__(f"{label}: {reason}")
        self.label = label
        self.reason = reason
        self.source, self.key = source, key  # for the report, where known


class ItemSkipped(ItemError):
    """One item left out on purpose (no category, no text), reported with the reason."""

    action = "skipped"
