from django import template

from analyst.links import absolute_url

from ..text import dates, people

register = template.Library()
register.filter("publication_time", dates.publication_time)
register.filter("person", people.person)
register.filter("absolute_link", absolute_url)
