"""For crawlers and other sites: robots.txt and the partner sites as recommendations."""

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from analyst.links import absolute_url

from ..models import PartnerSite


@require_GET
def robots_txt(request):
    """Let crawlers in, keep them out of admin and the counter, point them to the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('articles:read-beacon')}",
        "",
        f"Sitemap: {absolute_url(reverse('articles:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def recommendations(request):
    """The partner sites ("Visit also") in Ghost's open recommendations format."""
    return JsonResponse(
        [
            {
                "url": partner.url,
                "reason": None,
                "updated_at": partner.updated_at.isoformat(),
                "created_at": partner.created_at.isoformat(),
            }
            for partner in PartnerSite.objects.all()
        ],
        safe=False,
    )
