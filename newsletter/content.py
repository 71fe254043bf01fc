"""What a newsletter email says: the campaign's issue, rendered once, personalised per reader.

A campaign to ten thousand readers renders its templates and inlines its CSS once; each
message then only swaps in the reader's own unsubscribe link, which is why the templates
receive a placeholder instead of a real address.
"""

import email.policy
import re
from typing import NamedTuple

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from analyst.links import absolute_url
from analyst.models import SiteSettings
from analyst.plaintext import render_subject, render_text
from articles.models import by_section

from . import clicks, returnpath, tokens
from .addresses import header_text

UNSUBSCRIBE_PLACEHOLDER = "newsletter-unsubscribe-link-placeholder"
RFC5322_LINE_LIMIT = 998
SIZE_LIMIT = 100 * 1024  # Gmail clips a message above about 100 KB.
_RELATIVE_LINK = re.compile(r'(\s(?:href|src))="/(?!/)')
_inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def inline_css(html):
    """Move the template's <style> rules onto the elements: many mail clients drop <style>."""
    return _inliner.inline(html)


def default_subject(issue):
    name = SiteSettings.load().name
    return f"{name}: the {issue.date:%-d %B %Y} issue"


def default_intro(issue):
    articles = issue.articles.live().count()
    noun = "article" if articles == 1 else "articles"
    title = f", “{issue.title}”," if issue.title else ""
    return f"The {issue.date:%-d %B %Y} issue{title} is out, with {articles} new {noun}."


def issue_contents(issue, full_text=False):
    """The issue's live articles by section, in issue order: nothing else is ever mailed."""
    articles = issue.articles.live().for_listing().in_issue_order()
    if not full_text:
        articles = articles.without_text()
    return by_section(articles)


def unsubscribe_url(subscriber_id):
    return absolute_url(
        reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber_id)])
    )


def unsubscribe_mailto(subscriber_id):
    token = tokens.unsubscribe_token(subscriber_id)
    return f"mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{token}"


def email_html(html):
    """Article HTML (already cleaned on its way out) with every link made absolute."""
    return mark_safe(_RELATIVE_LINK.sub(rf'\1="{settings.SITE_URL}/', html))


class NewsletterEmail(EmailMultiAlternatives):
    """An email whose headers hold one line each, and whose long lines are left whole.

    Header text comes from settings and from what editors type (the publication's name, the
    subject): a control character or a Unicode line separator in it would make every message
    fail to build, so each becomes a space. Folding at 78 characters would turn a
    List-Unsubscribe header, whose links are longer than that, into RFC 2047 encoded words
    that mail programs do not read as links, and would wrap a long link in the text body.
    Lines up to 998 characters are what RFC 5322 allows.
    """

    def message(self, *, policy=email.policy.default):
        self.subject = header_text(self.subject)
        self.from_email = header_text(self.from_email)
        self.extra_headers = {
            header_text(name): header_text(value) for name, value in self.extra_headers.items()
        }
        return super().message(policy=policy.clone(max_line_length=RFC5322_LINE_LIMIT))


def confirm_url(subscriber):
    return absolute_url(reverse("newsletter:confirm", args=[tokens.confirm_token(subscriber)]))


def confirmation_message(subscriber):
    """The double opt-in email: a link to a page with a Confirm button."""
    context = {
        "site_settings": SiteSettings.load(),
        "SITE_URL": settings.SITE_URL,
        "confirm_url": confirm_url(subscriber),
    }
    message = NewsletterEmail(
        subject=render_subject("newsletter/email/confirm_subject.txt", context),
        body=render_text("newsletter/email/confirm_body.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )
    html = render_to_string("newsletter/email/confirm_body.html", context)
    message.attach_alternative(inline_css(html), "text/html")
    return message


class CampaignMessage:
    """A campaign rendered once; `for_subscriber` makes each reader's own message."""

    def __init__(self, campaign):
        self.campaign = campaign
        context = self._context(campaign)
        self.subject = render_subject("newsletter/email/campaign_subject.txt", context)
        self.text = render_text("newsletter/email/campaign_body.txt", context)
        html = render_to_string("newsletter/email/campaign_body.html", context)
        self.html = inline_css(html)
        if settings.NEWSLETTER_CLICK_TRACKING:
            self.html, self.text = clicks.track_links(campaign.pk, self.html, self.text)

    def _context(self, campaign):
        site = self.site = SiteSettings.load()
        contents = [
            (section, [ArticleInEmail(article, campaign.full_text) for article in articles])
            for section, articles in issue_contents(campaign.issue, campaign.full_text)
        ]
        return {
            "campaign": campaign,
            "issue": campaign.issue,
            "issue_url": absolute_url(campaign.issue),
            "edition_url": absolute_url(
                reverse("articles:issue-edition", args=[campaign.issue.slug])
            ),
            "site_settings": site,
            "SITE_URL": settings.SITE_URL,
            "contents": contents,
            "signup_url": absolute_url(reverse("newsletter:signup")),
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }

    @property
    def feedback_id(self):
        """Campaign:issue:kind:sender, the form Gmail's feedback loop groups complaints by."""
        campaign = self.campaign
        return (
            f"{campaign.pk}:{campaign.issue.date:%Y%m%d}:newsletter:"
            f"{settings.NEWSLETTER_FEEDBACK_ID}"
        )

    @property
    def size(self):
        return len(self.html.encode()) + len(self.text.encode())

    def personal(self, subscriber_id):
        """The text and HTML bodies with this reader's unsubscribe link."""
        url = unsubscribe_url(subscriber_id)
        return (
            self.text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            self.html.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            url,
        )

    def for_subscriber(self, subscriber_id, email, delivery_id=None):
        """One message to one reader, with their one-click unsubscribe headers (RFC 8058).

        Its envelope sender is the return path naming the delivery, so that a bounce says
        whose it is; a test send has no delivery and goes out from the plain bounce address.
        """
        text, html, url = self.personal(subscriber_id)
        envelope_sender = (
            returnpath.return_path(delivery_id) if delivery_id else returnpath.bounce_address()
        )
        mailto = unsubscribe_mailto(subscriber_id)
        return self.message_to(email, text, html, url, mailto, envelope_sender)

    def message_to(self, email, text, html, link, mailto, envelope_sender):
        """The message to `email` with these bodies and unsubscribe `link` and `mailto`, from
        `envelope_sender` (the return path)."""
        message = NewsletterEmail(
            subject=self.subject,
            body=text,
            from_email=envelope_sender,
            to=[email],
            headers={
                "From": settings.NEWSLETTER_FROM_EMAIL,
                "List-Unsubscribe": f"<{link}>, <{mailto}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"{self.site.name} <newsletter.{_list_domain()}>",
                "Precedence": "bulk",
                "Feedback-ID": self.feedback_id,
            },
        )
        message.attach_alternative(html, "text/html")
        return message


def _list_domain():
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


class PartInEmail(NamedTuple):
    heading: str
    html: str
    text: str


class ArticleInEmail:
    """An article as the email shows it: absolute link, byline, teaser or full text."""

    def __init__(self, article, full_text):
        self.article = article
        self.title = article.shown_title
        self.url = absolute_url(article)
        self.authors = article.byline
        self.teaser = article.listing_teaser
        self.parts = (
            [
                PartInEmail(part.heading, email_html(part.html), "\n\n".join(part.paragraphs))
                for part in article.parts()
            ]
            if full_text
            else []
        )
