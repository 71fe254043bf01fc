"""An article's saved versions: a readable diff between two, and restoring one as a new version."""

import re
from difflib import SequenceMatcher

from django.db import transaction

from ..models import Transition
from ..text.plain import paragraphs

# What a version's diff and a restore cover: the content, not the workflow state.
CONTENT_FIELDS = [
    ("title", "Title"),
    ("slug", "Address"),
    ("section", "Section"),
    ("issue", "Issue"),
    ("teaser", "Teaser"),
    ("body", "Text"),
    ("background", "Background"),
    ("implications", "Implications"),
    ("conclusions", "Conclusions"),
    ("bio", "Bio line"),
    ("image", "Image"),
    ("image_alt", "Image description"),
    ("image_caption", "Image caption"),
]
RELATED = {"section", "issue"}


def plain_text(version, field):
    """A field of a version as plain text, one paragraph a line."""
    if field in RELATED:
        related = getattr(version, field)
        return str(related) if related is not None else ""
    value = getattr(version, field) or ""
    value = getattr(value, "name", value)  # images compare by their file name
    return "\n".join(paragraphs(str(value)))


def word_diff(old, new):
    """The change from old to new text as [(kind, words)], kind being same, removed or added."""
    old_words, new_words = re.findall(r"\n|[^\s]+", old), re.findall(r"\n|[^\s]+", new)
    segments = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("added", " ".join(new_words[b1:b2])))
    return segments


def compare(older, newer):
    """The fields that differ between two versions, each with its word diff."""
    changes = []
    for field, label in CONTENT_FIELDS:
        old, new = plain_text(older, field), plain_text(newer, field)
        if old != new:
            changes.append((label, word_diff(old, new)))
    return changes


def chosen_pair(versions, query):
    """The two versions to compare: those asked for, else the newest and the one before it."""
    by_id = {str(version.history_id): version for version in versions}
    older, newer = by_id.get(query.get("older")), by_id.get(query.get("newer"))
    if older is None or newer is None:
        newer, older = (versions + [None, None])[:2]
    if older is not None and newer is not None and older.history_date > newer.history_date:
        older, newer = newer, older
    return older, newer


def restore(article, version, *, by):
    """Bring back a version's content as the newest version, keeping the workflow state."""
    with transaction.atomic():
        for field, _ in CONTENT_FIELDS:
            attname = f"{field}_id" if field in RELATED else field
            setattr(article, attname, getattr(version, attname))
        article.updated_by = by
        article._history_user = by
        article._change_reason = f"Restored version {version.history_id}"
        article.save()
        Transition.record(
            article,
            Transition.Action.RESTORE,
            by=by,
            comment=f"Restored the version saved on {version.history_date:%Y-%m-%d %H:%M} "
            f"by {version.history_user or 'the system'}.",
        )
