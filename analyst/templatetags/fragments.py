from django import template
from django.db.models import Model

from .. import versions
from ..fragments import render_fragment

register = template.Library()


@register.tag
def fragment(parser, token):
    """{% fragment "name" vary… %}…{% endfragment %}: render once while what it shows is unchanged.

    A model instance among the `vary` values is shown by the fragment: its version is kept.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        values = [expression.resolve(context) for expression in self.vary]
        objects = [value for value in values if isinstance(value, Model)]
        vary = [versions.name_of(v) if isinstance(v, Model) else str(v) for v in values]
        name = self.name.resolve(context)

        def render():
            versions.shows(*objects)  # a fragment that varies on an object shows it
            return self.nodelist.render(context)

        return render_fragment(context, name, vary, render)
