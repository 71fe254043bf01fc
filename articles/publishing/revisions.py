"""An article's saved versions: a readable diff between two, and restoring one as a new version."""

import re
from difflib import SequenceMatcher

from django.db import transaction

from ..models import Author, Authorship, Tag, Transition
from ..text.dates import publication_time
from ..text.people import person
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
    ("author_names", "Authors"),
    ("tag_names", "Tags"),
    ("bio", "Bio line"),
    ("image", "Image"),
    ("image_alt", "Image description"),
    ("image_caption", "Image caption"),
]
RELATED = {"section", "issue"}
# Kept on each version as text (VersionedNames), restored through the authors' and tags' names.
NAMES = {"author_names", "tag_names"}


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


def names_of(article):
    """The article's authors (in byline order) and tags as a version keeps them."""
    authors = article.authorships.select_related("author").order_by("position", "pk")
    return {
        "author_names": "\n".join(authorship.author.name for authorship in authors),
        "tag_names": "\n".join(sorted(article.tags.values_list("name", flat=True))),
    }


def keep_names(sender, instance, history_instance, **kwargs):
    """Give each new version the article's authors and tags as they stand (a signal handler)."""
    if instance.pk is not None:
        for field, value in names_of(instance).items():
            setattr(history_instance, field, value)


def refresh_names(article):
    """After the authors or tags were saved beside the article, put them on its newest version."""
    newest = article.history.order_by("-history_date", "-history_id").first()
    if newest is not None:
        type(newest).objects.filter(pk=newest.pk).update(**names_of(article))


def chosen_pair(versions, query):
    """The two versions to compare: those asked for, else the two latest that differ in content.

    A save that changed only the workflow state (a move) makes a version equal in content to
    the one before; comparing those would show nothing.
    """
    by_id = {str(version.history_id): version for version in versions}
    older, newer = by_id.get(query.get("older")), by_id.get(query.get("newer"))
    if older is None or newer is None:
        newer, older = latest_differing(versions)
    if older is not None and newer is not None and older.history_date > newer.history_date:
        older, newer = newer, older
    return older, newer


def latest_differing(versions):
    """(newer, older): the newest version and the latest before it with other content."""
    if not versions:
        return None, None
    newest = versions[0]
    for version in versions[1:]:
        if compare(version, newest):
            return newest, version
    return newest, (versions[1] if len(versions) > 1 else None)


def restore(article, version, *, by):
    """Bring back a version's content as the newest version, keeping the workflow state."""
    with transaction.atomic():
        for field, _ in CONTENT_FIELDS:
            if field not in NAMES:
                attname = f"{field}_id" if field in RELATED else field
                setattr(article, attname, getattr(version, attname))
        _restore_names(article, version)
        article.updated_by = by
        article._history_user = by
        article._change_reason = f"Restored the version of {described(version)}"
        article.save()
        Transition.record(
            article,
            Transition.Action.RESTORE,
            by=by,
            comment=f"Restored the version saved on {described(version)}.",
        )


def described(version):
    """“2 December 2026, 14:11 (UTC) by Edith Wharton”: a version by its time and author."""
    return f"{publication_time(version.history_date)} by {person(version.history_user)}"


def _restore_names(article, version):
    """Bring back the version's authors and tags, those that still exist, in their order."""
    names = [name for name in version.author_names.splitlines() if name]
    if names:
        authors = {author.name: author for author in Author.objects.filter(name__in=names)}
        article.authorships.all().delete()
        for position, name in enumerate(n for n in names if n in authors):
            Authorship.objects.create(article=article, author=authors[name], position=position)
    tags = [name for name in version.tag_names.splitlines() if name]
    article.tags.set(Tag.objects.filter(name__in=tags))
