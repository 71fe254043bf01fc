from django import template
from django.utils.html import format_html, format_html_join

from ..richtext import render_html

register = template.Library()


@register.simple_tag
def author_links(article):
    """The article's authors, linked, as a byline reads them: “A”, “A and B”, “A, B and C”."""
    links = [
        format_html('<a href="{}" rel="author">{}</a>', author.get_absolute_url(), author.name)
        for author in article.ordered_authors
    ]
    if len(links) <= 1:
        return links[0] if links else ""
    return format_html(
        "{} and {}", format_html_join(", ", "{}", ((link,) for link in links[:-1])), links[-1]
    )


@register.simple_tag(takes_context=True)
def issue_label(context, issue):
    """“7/16/2003 issue of the <publication>”, as the byline has always read."""
    name = context["site_settings"].name
    return f"{issue.date.month}/{issue.date.day}/{issue.date.year} issue of the {name}"


@register.filter
def article_html(html):
    return render_html(html)
