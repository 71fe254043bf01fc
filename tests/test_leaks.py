"""Every public address, filled with a hidden object's own values: nothing of it shows.

The hidden objects: an article in each state the public never sees (its publication time
already passed, so that only its state hides it; a scheduled one with its time ahead), in a
published issue and in none; a published article of an unpublished issue and of an issue
published for later; the author and the tag whose only article that is; and that issue. Each is
requested on every route that names an object of its kind, and answers 404 there; every public
page, feed, search and listing is read for any trace of it (title, address, name, slug).
"""

from datetime import date, timedelta
from urllib.parse import unquote_plus, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify

from analyst.models import SiteSettings
from analyst.views import media_file
from articles.models import (
    Article,
    Attachment,
    Author,
    DailyReads,
    ImportRecord,
    Issue,
    Section,
    Tag,
)
from articles.site import cards
from tests.factories import make_article, make_author, make_issue, make_tag
from tests.k2 import REGISTERED, SPECIAL, k2_database, run_import

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0"

# What each public route with arguments names, by the route's name; its arguments are filled
# with that object's own values (an article's slug or id, an author's slug, an issue's slug or
# year). A new route with arguments must be added here or below, or the test fails.
NAMES = {
    "articles:detail": "article",
    "articles:attachment": "attachment",
    "articles:read-pixel": "article",
    "articles:read-count-image": "article",
    "articles:social-card": "article",
    "articles:issue": "issue",
    "articles:issue-year": "issue",
    "articles:issue-edition": "issue",
    "articles:section": "section",
    "articles:section-feed": "section",
    "articles:section-feed-atom": "section",
    "articles:author": "author",
    "articles:author-feed": "author",
    "articles:author-feed-atom": "author",
    "articles:tag": "tag",
    "articles:tag-feed": "tag",
    "articles:tag-feed-atom": "tag",
}
# Routes whose arguments name no content: a secret preview link (made for an outside author,
# who is meant to read the unpublished article), the signed links in newsletter email.
NAMES_NO_CONTENT = {
    "articles:preview-link",
    "articles:publisher-logo",  # the publication's own name, public on every page
    "newsletter:confirm",
    "newsletter:unsubscribe",
    "newsletter:click",
}
# Routes without arguments that take the object in what is posted.
POSTS = {"articles:read-beacon": ("article", lambda article: {"article": article.pk})}
# Routes without arguments that answer a GET with 405: they take only a POST.
POST_ONLY = {"articles:read-beacon", "newsletter:subscribe"}
NOT_PUBLIC = {"admin"}  # namespaces

HIDDEN_STATES = [
    Article.Status.DRAFT,
    Article.Status.IN_REVIEW,
    Article.Status.CHANGES_REQUESTED,
    Article.Status.APPROVED,
    Article.Status.SCHEDULED,
    Article.Status.WITHDRAWN,
]
SCENARIOS = [
    *(
        (state, place)
        for state in HIDDEN_STATES
        for place in ("in a published issue", "in no issue")
    ),
    (Article.Status.PUBLISHED, "in a draft issue"),
    (Article.Status.PUBLISHED, "in an issue published later"),
]


def walk(patterns, namespaces=()):
    """Yield (name, pattern) for every public URL pattern below `patterns`, names namespaced."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_PUBLIC:
                continue
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield name, entry


def public_routes():
    """{route name: its argument names} of every public route."""
    routes = {}
    for name, pattern in walk(get_resolver().url_patterns):
        if name is None:
            # Uploaded files, served by their path (by the proxy in production), not pages.
            assert pattern.callback is media_file, f"a route without a name: {pattern.pattern}"
            continue
        routes[name] = list(pattern.pattern.converters)
    return routes


def values_of(kind, obj):
    """The values an object of `kind` fills its routes' arguments with."""
    if kind == "article":
        card = cards.card_name(obj, SiteSettings.load().name)
        return {"slug": obj.slug, "pk": obj.pk, "name": card}
    if kind == "issue":
        return {"slug": obj.slug, "year": obj.date.year}
    if kind == "attachment":
        return {"slug": obj.article.slug, "pk": obj.pk}
    return {"slug": obj.slug}


def traces_of(kind, obj):
    """What would show that the public was told of the object."""
    if kind == "article":
        return [obj.title, obj.get_absolute_url(), f'data-article="{obj.pk}"', f"/{obj.pk}.gif"]
    if kind == "issue":
        year_page = f"/issues/{obj.date.year}/"
        return [obj.title, obj.get_absolute_url(), year_page, f"{obj.date:%-d %B %Y}"]
    if kind == "attachment":
        return [obj.label, obj.get_absolute_url(), obj.filename]
    return [obj.name, obj.slug, obj.get_absolute_url()]


def make_scenario(state, placement):
    """The hidden article with its own author and tag, placed as asked, beside a live witness.

    Returns ({kind: [hidden objects]}, {kind: [public objects]}).
    """
    now = timezone.now()
    published_issue = make_issue(date=date(2026, 11, 18), title="The public issue")
    witness = make_article(
        "Witness on public view", issue=published_issue, authors=[make_author("Vera Public")]
    )
    witness.tags.add(make_tag("Openland"))
    issue = {
        "in a published issue": published_issue,
        "in no issue": None,
        # Its planned time passed too: only its state hides it.
        "in a draft issue": make_issue(
            date=date(2019, 3, 6),
            status=Issue.Status.DRAFT,
            published_at=now - timedelta(days=1),
            title="The unannounced issue",
        ),
        "in an issue published later": make_issue(
            date=date(2027, 1, 13), published_at=now + timedelta(days=30), title="The coming issue"
        ),
    }[placement]
    # Only its state hides it: its publication time has passed, unless it is scheduled ahead.
    published_at = now + timedelta(days=30) if state == Article.Status.SCHEDULED else now
    published_at -= timedelta(days=1)
    author, tag = make_author("Dauren Embargov"), make_tag("Qaraqalpaq Delta")
    article = make_article(
        "Zhetysu water ledger",
        status=state,
        published_at=published_at,
        issue=issue,
        authors=[author],
        read_count=90_000,
    )
    article.tags.add(tag)
    hidden_file = Attachment.objects.create(
        article=article, title="Zhetysu ledger tables", file=SimpleUploadedFile("ledger.pdf", PDF)
    )
    public_file = Attachment.objects.create(
        article=witness, title="Witness tables", file=SimpleUploadedFile("witness.pdf", PDF)
    )
    for read in (article, witness):
        DailyReads.objects.create(article=read, date=timezone.localdate(), count=500)
    hidden = {
        "article": [article],
        "author": [author],
        "tag": [tag],
        "issue": [],
        "attachment": [hidden_file],
    }
    if issue is not None and issue != published_issue:
        hidden["issue"].append(issue)
    public = {
        "article": [witness],
        "author": [witness.authors.get()],
        "tag": [witness.tags.get()],
        "issue": [published_issue],
        "section": [Section.objects.get(slug="field-reports")],
        "attachment": [public_file],
    }
    return hidden, public


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def searches(hidden):
    """Search for the hidden objects by their words and slugs, and filter by them."""
    article, author, tag = hidden["article"][0], hidden["author"][0], hidden["tag"][0]
    return [
        {"q": "Zhetysu"},
        {"q": "water ledger"},
        {"q": article.slug},
        {"q": "Embargov"},
        {"q": "Qaraqalpaq"},
        {"tag": tag.slug},
        {"author": author.slug},
        {"q": "Zhetysu", "section": article.section.slug},
        {"year": article.published_at.year},
    ]


@pytest.mark.parametrize(("state", "placement"), SCENARIOS, ids=[f"{s} {p}" for s, p in SCENARIOS])
def test_nothing_of_a_hidden_object_shows_on_any_public_route(client, state, placement):
    hidden, public = make_scenario(state, placement)
    assert_nothing_shows(client, hidden, public, searches(hidden))


def assert_nothing_shows(client, hidden, public, queries):
    """Ask every public route for the hidden objects (404) and the public ones (200)."""
    traces = [
        trace for kind, objs in hidden.items() for obj in objs for trace in traces_of(kind, obj)
    ]
    routes = public_routes()
    asked, problems = set(), []

    def request(name, url, expected, data=None):
        """Ask `url`; note a wrong answer, and any trace that the request did not carry itself."""
        asked.add(name)
        if data is None:
            response = client.get(url, headers={"User-Agent": BROWSER})
        else:
            response = client.post(url, data, headers={"User-Agent": BROWSER})
        if response.status_code != expected:
            problems.append((url, f"answered {response.status_code}, not {expected}"))
        carried = unquote_plus(url) + " " + " ".join(str(value) for value in (data or {}).values())
        body = body_of(response)
        problems.extend(
            (url, f"shows {trace!r}") for trace in traces if trace not in carried and trace in body
        )

    for name, arguments in routes.items():
        if name in NAMES_NO_CONTENT:
            continue
        if not arguments:
            request(name, reverse(name), 405 if name in POST_ONLY else 200)
            continue
        assert name in NAMES, f"say what {name} names in NAMES, or add it to NAMES_NO_CONTENT"
        kind = NAMES[name]
        for expected, objects in ((404, hidden.get(kind, [])), (200, public[kind])):
            for obj in objects:
                values = values_of(kind, obj)
                request(
                    name, reverse(name, kwargs={arg: values[arg] for arg in arguments}), expected
                )
    for name, (kind, data) in POSTS.items():
        for expected, objects in ((404, hidden[kind]), (200, public[kind])):
            for obj in objects:
                request(name, reverse(name), expected, data=data(obj))
    for params in queries:
        request("articles:search", f"{reverse('articles:search')}?{urlencode(params)}", 200)

    assert asked == set(routes) - NAMES_NO_CONTENT, "a public route was never asked"
    # The files sitemap lists the public files: its silence on the hidden ones means something.
    files_sitemap = body_of(client.get(reverse("articles:sitemap-files")))
    assert all(file.get_absolute_url() in files_sitemap for file in public["attachment"])
    assert problems == [], "\n".join(f"{url} {what}" for url, what in problems)


# Items the old site hid from its readers, each for one reason, and the hidden things around them.
HIDDEN_K2_ITEMS = {
    "Members ledger": {"access": REGISTERED},
    "Staff ledger": {"access": SPECIAL},
    "Unpublished ledger": {"published": 0},
    "Binned ledger": {"trash": 1},
    "Expired ledger": {"publish_down": "2011-03-01 00:00:00"},
}


def import_hidden_k2_site(k2, media):
    """A K2 site with hidden items, a hidden category, a hidden tag, and one public witness,
    each item with a file attached."""
    (media / "media/k2/attachments").mkdir(parents=True)
    (media / "media/k2/attachments/ledger.pdf").write_bytes(PDF)
    k2.add_category("Field Reports", "field-reports")  # id 1, public
    k2.add_menu("field-reports", [1])
    hidden_parent = k2.add_category("Closed Archive", "closed-archive", published=0)
    hidden_child = k2.add_category("Closed Dossiers", "closed-dossiers", parent=hidden_parent)
    members = k2.add_category("Members Lounge", "members-lounge", access=REGISTERED)
    text = "<p>By {author} (3/2/2011 issue of the Analyst)</p><p>Zhetysu canals run dry.</p>"
    items = {}
    for number, (title, fields) in enumerate(HIDDEN_K2_ITEMS.items()):
        author = f"Dauren Embargov{'ich' * number}"
        items[title] = k2.add_item(
            title, 1, alias=slugify(title), fulltext=text.format(author=author),
            created="2011-01-05 08:00:00", **fields,
        )  # fmt: skip
    for title, category in (("Archived ledger", hidden_child), ("Lounge ledger", members)):
        items[title] = k2.add_item(
            title, category, alias=slugify(title), fulltext=text.format(author="Aigerim Closed"),
            created="2011-01-05 08:00:00",
        )  # fmt: skip
    witness = k2.add_item(
        "Witness on public view", 1, alias="witness", created="2011-01-05 08:00:00",
        fulltext=text.format(author="Vera Public"),
    )  # fmt: skip
    k2.tag(witness, "Openland")
    k2.tag(witness, "Qaraqalpaq Delta", published=0)
    for title, item in items.items():
        k2.tag(item, "Qaraqalpaq Delta", published=0)
        k2.add_attachment(item, "ledger.pdf", f"{title} tables")
    k2.add_attachment(witness, "ledger.pdf", "Witness tables")
    run_import(k2, "--media", str(media))
    return items, witness


def test_nothing_of_an_item_the_old_site_hid_shows_on_any_public_route(client, tmp_path):
    with k2_database() as k2:
        items, witness = import_hidden_k2_site(k2, tmp_path)
        old_addresses = [f"/component/k2/item/{item}" for item in items.values()]
    articles = [
        ImportRecord.objects.get(source="k2", key=str(item)).article for item in items.values()
    ]
    public_article = ImportRecord.objects.get(source="k2", key=str(witness)).article
    authors = list(Author.objects.exclude(name="Vera Public"))
    hidden = {
        "article": articles,
        "author": authors,
        "section": list(Section.objects.filter(listed=False)),
        "tag": [Tag(name="Qaraqalpaq Delta", slug="qaraqalpaq-delta")],
        "issue": [],
        "attachment": list(Attachment.objects.filter(article__in=articles)),
    }
    assert (
        len(articles) == 7
        and len(hidden["attachment"]) == 7
        and len(hidden["section"]) == 2
        and len(authors) == 6
    )
    assert not Tag.objects.filter(name="Qaraqalpaq Delta").exists()
    public = {
        "article": [public_article],
        "author": [public_article.authors.get()],
        "tag": [public_article.tags.get()],
        "issue": [public_article.issue],
        "section": [public_article.section],
        "attachment": [public_article.attachments.get()],
    }
    queries = [
        {"q": "ledger"},
        {"q": "Embargov"},
        {"q": "Qaraqalpaq"},
        {"q": "Zhetysu"},
        *({"author": author.slug} for author in authors),
        *({"section": section.slug} for section in hidden["section"]),
    ]
    assert_nothing_shows(client, hidden, public, queries)
    for address in old_addresses:
        assert client.get(address).status_code == 404, address
