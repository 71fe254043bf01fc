"""The newsletter's public pages: signup, confirm, unsubscribe.

None of them needs a session or a CSRF cookie. The signup box sits on pages that may come from
a shared cache, so its form carries no per-visitor token; instead the endpoint refuses posts
a browser marks as coming from another site (Origin, Sec-Fetch-Site), and a honeypot, a rate
limit and double opt-in do the rest. Confirm and unsubscribe links carry a signed token, which
is itself the proof that the request comes from the address's owner; the one-click unsubscribe
POST of RFC 8058 comes from mail providers, without cookies.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import clicks, signup, tokens
from .forms import CONSENT_LINE, SignupForm
from .models import Campaign, Subscriber

THANKS = (
    "Thank you. If this address can receive the newsletter, a confirmation email is on its way: "
    "open the link in it to start receiving each issue."
)
TOO_MANY = "Too many sign-ups from here in the last hour. Please try again later."
CROSS_SITE = "Sign up from our own pages, please."


def signup_page(request):
    """The signup form on a page of its own."""
    return render(request, "newsletter/signup.html", {"form": SignupForm()})


@csrf_exempt  # See the module docstring: the form lives on cacheable pages.
@require_POST
@never_cache
def subscribe(request):
    """Take a signup; answer the same way whatever the address's state."""
    if is_cross_site(request):
        return answer(request, CROSS_SITE, status=403)
    form = SignupForm(request.POST)
    if not form.is_valid():
        return invalid(request, form)
    if form.is_bot:
        return answer(request, THANKS)
    email = form.cleaned_data["email"]
    if signup.over_rate_limit(request, email):
        return answer(request, TOO_MANY, status=429)
    signup.sign_up(request, email, form.source_label)
    return answer(request, THANKS)


def is_cross_site(request):
    """Whether the browser says the form was posted from another site."""
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin == "null"
    allowed = {_origin(settings.SITE_URL), *settings.CSRF_TRUSTED_ORIGINS}
    allowed.add(f"{request.scheme}://{request.get_host()}")
    return origin not in allowed


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def answer(request, message, status=200):
    if wants_json(request):
        return JsonResponse({"message": message}, status=status)
    context = {"message": message, "came_from": came_from(request)}
    return render(request, "newsletter/answer.html", context, status=status)


def came_from(request):
    """The address on this site of the page the form was sent from, or "" if unknown."""
    referer = request.headers.get("Referer", "")
    hosts = {urlsplit(settings.SITE_URL).netloc, request.get_host()}
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts=hosts):
        return ""
    parts = urlsplit(referer)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def invalid(request, form):
    if wants_json(request):
        errors = [error for errors in form.errors.values() for error in errors]
        return JsonResponse({"message": " ".join(errors)}, status=400)
    return render(request, "newsletter/signup.html", {"form": form}, status=400)


@csrf_exempt  # The signed token in the address is the proof; mail scanners only GET.
@require_http_methods(["GET", "POST"])
@never_cache
def confirm(request, token):
    """GET shows a Confirm button; only the POST confirms."""
    try:
        subscriber_id, generation = tokens.read_confirm_token(token)
    except tokens.Expired as expired:
        return link_problem(request, "expired", expired.subscriber_id)
    except tokens.Invalid:
        return link_problem(request, "invalid")
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return link_problem(request, "invalid")
    if generation != subscriber.token_generation:  # mailed before an unsubscribe
        return link_problem(request, "superseded", subscriber.pk)
    if request.method == "POST":
        subscriber.confirm()
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


def link_problem(request, problem, subscriber_id=None):
    """An expired or broken link: say so, and offer to send a new one."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first() if subscriber_id else None
    form = SignupForm(initial={"email": subscriber.email if subscriber else "", "source": "again"})
    context = {
        "problem": problem,
        "form": form,
        "consent_line": CONSENT_LINE,
        "mailto": settings.NEWSLETTER_UNSUBSCRIBE_MAILTO,
    }
    return render(request, "newsletter/link_problem.html", context, status=400)


@csrf_exempt  # RFC 8058: the one-click POST comes from the mail provider, with no cookies.
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token):
    """GET shows one button; a POST unsubscribes at once."""
    try:
        subscriber_id = tokens.read_unsubscribe_token(token)
    except tokens.Invalid:
        return link_problem(request, "invalid-unsubscribe")
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if request.method == "POST":
        if subscriber is not None:
            subscriber.unsubscribe(via="one-click link")
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@require_http_methods(["GET", "HEAD"])
@never_cache
def follow_link(request, token):
    """A link in a campaign: count the click, and go to the address it was signed for."""
    try:
        campaign_id, url = clicks.read_token(token)
    except clicks.Invalid:
        raise Http404("Not one of our links.") from None
    # Staff following links in a preview or a test send are not readers.
    counted = request.method == "GET" and not request.user.is_staff
    if counted and Campaign.objects.filter(pk=campaign_id).exists():
        clicks.count_click(campaign_id, url, request.headers.get("User-Agent", ""))
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"
    return response
