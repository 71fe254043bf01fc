"""Which kept pages an edit makes stale: the versions each change bumps (see analyst.versions).

An article page shows its article (its files included), its issue, its authors, its tags, the
contents of its issue (the previous and next article) and its related articles; each of them is
a version it keeps (`article:12`, `issue:3`, `author:5`, `tag:2`, `contents:3`). Every listing —
home, issues, sections, authors, tags, search, feeds, sitemaps — shows the LISTINGS version,
which every change to an article, its authorships and files, an issue, author or tag bumps.
Site-wide pieces (sections, partner sites, staff publications, site settings) are shown by every
page: their changes make everything stale.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from analyst import pagecache, versions

from ..models import Article, Attachment, Author, Authorship, Issue, Tag

LISTINGS = "listings"


def contents_of(issue_id):
    """The version of an issue's table of contents, shown by each of its articles' pages."""
    return f"contents:{issue_id}"


def article_names(article):
    """What an article page shows of its own article, to be declared while it is built."""
    names = [versions.name_of(article)]
    if article.issue_id:
        names += [f"issue:{article.issue_id}", contents_of(article.issue_id)]
    return names


def remember_former_issue(sender, instance, **kwargs):
    """Note the issue an article leaves, whose contents change too."""
    if instance.pk:
        instance._former_issue_id = (
            Article.objects.filter(pk=instance.pk).values_list("issue_id", flat=True).first()
        )


def article_changed(sender, instance, **kwargs):
    issues = {instance.issue_id, getattr(instance, "_former_issue_id", None)} - {None}
    pagecache.forget(
        versions.name_of(instance), LISTINGS, *(contents_of(issue) for issue in issues)
    )


def part_of_article_changed(sender, instance, **kwargs):
    """An authorship or a file: its article's page, and the listings (bylines, enclosures)."""
    pagecache.forget(f"article:{instance.article_id}", LISTINGS)


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # tag.articles changed: the articles are in pk_set
        pagecache.forget(*(f"article:{pk}" for pk in pk_set or ()), LISTINGS)
    else:
        pagecache.forget(versions.name_of(instance), LISTINGS)


def object_changed(sender, instance, **kwargs):
    """An issue, author or tag: its own pages and every listing."""
    names = [versions.name_of(instance), LISTINGS]
    if isinstance(instance, Issue):
        names.append(contents_of(instance.pk))
    pagecache.forget(*names)


def forget_issue(issue):
    """After an issue's rows were changed with update(), which sends no signal."""
    object_changed(Issue, issue)


def connect_signals():
    pre_save.connect(remember_former_issue, sender=Article, dispatch_uid="fresh-article-pre")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(article_changed, sender=Article, dispatch_uid=f"fresh-article-{name}")
        for model in (Authorship, Attachment):
            signal.connect(
                part_of_article_changed, sender=model, dispatch_uid=f"fresh-{model}-{name}"
            )
        for model in (Issue, Author, Tag):
            signal.connect(object_changed, sender=model, dispatch_uid=f"fresh-{model}-{name}")
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="fresh-tags")
