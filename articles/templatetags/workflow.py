from django import template

from ..text import dates

register = template.Library()
register.filter("publication_time", dates.publication_time)
