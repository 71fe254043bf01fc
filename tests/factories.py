"""Plain helpers that make the objects tests need, with sensible defaults."""

import io
from datetime import datetime, timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from articles.models import Article, Author, Authorship, Issue, Section, Tag
from newsletter.models import Campaign, Subscriber

_sequence = count(1)

# Every test starts at this moment, in the publication's time zone (tests/conftest.py): noon on
# an issue day, after the demo issues appeared.
TEST_DAY = datetime(2026, 12, 2, 12)

PARTS = {
    "background": "<p>Background of the matter, as it stood.</p>",
    "implications": "<p>What follows from it for the region.</p>",
    "conclusions": "<p>What we conclude.</p>",
}


def section(slug="field-reports"):
    return Section.objects.get(slug=slug)


def make_issue(date=None, status=Issue.Status.PUBLISHED, published_at=None, **fields):
    n = next(_sequence)
    date = date or (timezone.localdate() - timedelta(days=14 * n))
    if status == Issue.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(days=1)
    return Issue.objects.create(
        date=date,
        volume=fields.pop("volume", 1),
        number=fields.pop("number", n),
        status=status,
        published_at=published_at,
        **fields,
    )


def make_author(name=None, **fields):
    name = name or f"Author Number{next(_sequence)}"
    fields.setdefault("slug", slugify(name))
    fields.setdefault("bio", f"{name} writes for us.")
    return Author.objects.create(name=name, **fields)


def make_tag(name):
    return Tag.objects.get_or_create(name=name)[0]


def make_article(
    title=None,
    section_slug="field-reports",
    status=Article.Status.PUBLISHED,
    published_at=None,
    authors=None,
    **fields,
):
    """A live, published article unless told otherwise (issue=None means no issue)."""
    title = title or f"Article number {next(_sequence)}"
    sec = section(section_slug)
    if status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED) and published_at is None:
        published_at = timezone.now() - timedelta(hours=1)
    if sec.structured:
        for part, html in PARTS.items():
            fields.setdefault(part, html)
    else:
        fields.setdefault("body", f"<p>The text of {title}. It has two sentences.</p>")
    article = Article.objects.create(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        section=sec,
        status=status,
        published_at=published_at,
        **fields,
    )
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        Authorship.objects.create(article=article, author=author, position=position)
    return article


def make_user(username="editor", *, superuser=False, **fields):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw-editor-1")
    return User.objects.create_user(username, f"{username}@example.org", "pw-editor-1", **fields)


def make_member(username, role, *, author=True):
    """A staff account in one editorial role (Contributor, Editor, Managing editor)."""
    from django.contrib.auth.models import Group

    user = make_user(username, is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=role))
    if author:
        make_author(f"{username.title()} Writer", user=user)
    return user


def make_png(size=(20, 20)):
    """An uploaded PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def make_subscriber(email, status=Subscriber.Status.PENDING):
    """A subscriber who reached `status` the way readers do: confirmed, then unsubscribed."""
    subscriber = Subscriber.objects.create(email=email)
    if status in (Subscriber.Status.CONFIRMED, Subscriber.Status.UNSUBSCRIBED):
        subscriber.confirm()
    if status == Subscriber.Status.UNSUBSCRIBED:
        subscriber.unsubscribe(via="test")
    return subscriber


def make_readers(count, prefix="reader"):
    """`count` confirmed subscribers: reader0@example.org, reader1@example.org, …"""
    return [make_subscriber(f"{prefix}{n}@example.org", "confirmed") for n in range(count)]


def make_campaign(issue=None, **fields):
    issue = issue or make_issue()
    fields.setdefault("subject", "The new issue")
    return Campaign.objects.create(issue=issue, **fields)
