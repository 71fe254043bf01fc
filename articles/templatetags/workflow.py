from django import template

from ..text import dates, people

register = template.Library()
register.filter("publication_time", dates.publication_time)
register.filter("person", people.person)
