import html as html_lib
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from ..forms import CONSENT_LINE

register = template.Library()


@register.simple_tag
def signup_form(source, id_prefix, email=""):
    """The signup form, the same for every visitor, so the page around it can be cached."""
    context = {
        "source": source,
        "id_prefix": id_prefix,
        "email": email or "",
        "consent_line": CONSENT_LINE,
    }
    return render_to_string("newsletter/includes/signup_form.html", context)


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)


@register.filter
def as_plain_text(html):
    """Article HTML as plain text for the text part of an email: one paragraph a line."""
    text = html_lib.unescape(strip_tags(_BLOCK_END.sub("\n\n", html)))
    paragraphs = (" ".join(paragraph.split()) for paragraph in text.split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
