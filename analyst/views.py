"""The error pages: 404 and 500, which every app's pages may end in."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
