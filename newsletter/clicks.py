"""Click counts, when NEWSLETTER_CLICK_TRACKING is on: links in a campaign go through us, signed.

Each link of a campaign's email becomes `/newsletter/c/<token>/`, where the token is the
campaign and the link's address signed together with SECRET_KEY. Following it counts one click
for that link of that campaign (not per reader: the email is the same for everyone) and
redirects to the address it was signed for, and only there: a token changed in any way is not
ours and answers 404. Clicks by bots and link scanners (by their user agent) are not counted.
There is no open-tracking pixel.
"""

import html
import re

from crawlerdetect import CrawlerDetect
from django.core import signing
from django.db.models import F
from django.urls import reverse

from analyst.links import absolute_url

from .models import LinkClick

_signer = signing.Signer(salt="newsletter.click")
_HTML_LINK = re.compile(r'href="(https?://[^"]+)"')
_TEXT_LINK = re.compile(r"https?://[^\s<>\"')\]]+")


class Invalid(Exception):
    """A click link we did not make, or one changed on the way."""


def click_url(campaign_id, url):
    token = _signer.sign_object({"c": campaign_id, "u": url}, compress=True)
    return absolute_url(reverse("newsletter:click", args=[token]))


def read_token(token):
    """(campaign id, address) of a click link; Invalid if it was not made by us."""
    try:
        value = _signer.unsign_object(token)
        campaign_id, url = int(value["c"]), str(value["u"])
    except (signing.BadSignature, ValueError, KeyError, TypeError) as error:
        raise Invalid from error
    if not url.startswith(("https://", "http://")):
        raise Invalid
    return campaign_id, url


def track_links(campaign_id, html_body, text_body):
    """The bodies with every web link going through a click link of this campaign."""

    def tracked_html(match):
        return f'href="{html.escape(click_url(campaign_id, html.unescape(match[1])))}"'

    def tracked_text(match):
        url = match[0].rstrip(".,;:!?")  # the sentence's punctuation, not the link's
        return click_url(campaign_id, url) + match[0][len(url) :]

    return _HTML_LINK.sub(tracked_html, html_body), _TEXT_LINK.sub(tracked_text, text_body)


def count_click(campaign_id, url, user_agent):
    """One more click on this link of this campaign, unless a bot or scanner followed it."""
    if not user_agent or CrawlerDetect(user_agent=user_agent).isCrawler():
        return False
    LinkClick.objects.bulk_create(
        [LinkClick(campaign_id=campaign_id, url=url, clicks=0)], ignore_conflicts=True
    )
    LinkClick.objects.filter(campaign_id=campaign_id, url=url).update(clicks=F("clicks") + 1)
    return True
