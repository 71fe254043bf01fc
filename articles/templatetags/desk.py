from django import template

from ..publishing import desk

register = template.Library()


@register.simple_tag
def editors_desk():
    """The data of the editor's desk, for the admin's front page."""
    return desk.desk()


@register.simple_tag
def own_articles(user):
    """A contributor's own articles, for their front page."""
    return desk.own_articles(user)
