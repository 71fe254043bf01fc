"""Plain text in every output: stored as typed, escaped once, for the reader of each output.

Plain-text fields (titles, teasers, names, bios, the site's name and tagline, subjects,
intros, comments) hold the text the editor typed, never HTML, and nothing escapes them on the
way in. Each output escapes them once, for its own reader, and only there:

- pages, the admin and the HTML part of email: the template's autoescaping, in text and in
  attributes (meta tags), and nothing else: no `|escape`, `|safe` or `mark_safe` on them;
- JSON-LD: JSON, with `<`, `>` and `&` as \\u escapes (`articles.site.citation`);
- feeds: the feed writer's XML escaping; an element that feed readers take as HTML (an RSS
  description, an Atom summary of type html) is HTML-escaped first, as `escape()` does;
- email subjects and text parts: no HTML escaping at all: they are rendered by `render_text`,
  with the "text" template engine, which does not autoescape; header text is made one line by
  `newsletter.addresses.header_text`.
"""

from django.template import engines


def render_text(template_name, context):
    """A plain-text template (an email's subject or text part), with nothing HTML-escaped."""
    return engines["text"].get_template(template_name).render(context)


def render_subject(template_name, context):
    """An email subject: one line of plain text."""
    return " ".join(render_text(template_name, context).split())
