from django import template
from django.template.loader import render_to_string

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
