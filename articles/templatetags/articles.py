from django import template
from django.utils.html import format_html
from django.utils.text import get_text_list

from analyst import versions

register = template.Library()


@register.simple_tag
def author_links(article):
    """The article's authors, linked, as a byline reads them: “A”, “A and B”, “A, B and C”.

    An author who wrote from somewhere for this article reads “A, University of X”.
    """
    versions.shows(*article.ordered_authors)
    links = [
        format_html(
            '<a href="{}" rel="author">{}</a>{}',
            authorship.author.get_absolute_url(),
            authorship.author.name,
            f", {authorship.affiliation}" if authorship.affiliation else "",
        )
        for authorship in article.authorships.all()
    ]
    # The byline's own grammar, with a placeholder for each (already escaped) link.
    return format_html(get_text_list(["{}"] * len(links), "and"), *links)


@register.simple_tag(takes_context=True)
def issue_label(context, issue):
    """“7/16/2003 issue of the <publication>”, as the byline has always read."""
    name = context["site_settings"].name
    return f"{issue.date.month}/{issue.date.day}/{issue.date.year} issue of the {name}"
