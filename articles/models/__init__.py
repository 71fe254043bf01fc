"""The publication's data: content, the workflow's records, reads, search entries, legacy."""

from .article import (
    STRUCTURED_PARTS,
    Article,
    Authorship,
    Part,
    Problem,
    by_section,
    next_public_change,
    prefetch_authors,
)
from .attachments import Attachment
from .autosave import AUTOSAVED_FIELDS, AutosavedDraft
from .index import SearchEntry
from .legacy import ImportRecord, Redirect, normalize_path
from .publication import Author, Issue, PartnerSite, Section, StaffPublication, Tag, unique_slug
from .reads import DailyReads
from .records import IssuePublication, PreviewLink, Transition
from .states import ArticleStatus

__all__ = [
    "AUTOSAVED_FIELDS",
    "STRUCTURED_PARTS",
    "Article",
    "ArticleStatus",
    "Attachment",
    "Author",
    "Authorship",
    "AutosavedDraft",
    "DailyReads",
    "ImportRecord",
    "Issue",
    "IssuePublication",
    "Part",
    "PartnerSite",
    "PreviewLink",
    "Problem",
    "Redirect",
    "SearchEntry",
    "Section",
    "StaffPublication",
    "Tag",
    "Transition",
    "by_section",
    "next_public_change",
    "normalize_path",
    "prefetch_authors",
    "unique_slug",
]
