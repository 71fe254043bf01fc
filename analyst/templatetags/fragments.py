from django import template

from ..fragments import render_fragment

register = template.Library()


@register.tag
def fragment(parser, token):
    """{% fragment "name" vary… %}…{% endfragment %}: render once per content version."""
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
        vary = [str(expression.resolve(context)) for expression in self.vary]
        name = self.name.resolve(context)
        return render_fragment(context, name, vary, lambda: self.nodelist.render(context))
