from django import template

from analyst.links import absolute_url

from ..site import citation, editions, navigation

register = template.Library()


def _publication(context):
    return context["site_settings"].name


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    return citation.json_ld_script(citation.json_ld(article, _publication(context)))


@register.simple_tag(takes_context=True)
def social_card_url(context, article):
    return citation.social_card_url(article, _publication(context))


@register.simple_tag(takes_context=True)
def how_to_cite(context, article):
    return citation.how_to_cite(article, _publication(context))


@register.simple_tag(takes_context=True)
def scholar_tags(context, article):
    return citation.scholar_tags(article, _publication(context))


register.simple_tag(absolute_url, name="absolute_url")


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    return navigation.main_menu(request.path if request else "", context["sections"])


register.filter("current_url", navigation.current_url)
register.filter("media_uri", editions.media_uri)
