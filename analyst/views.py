"""The error pages: 404 and 500, which every app's pages may end in."""

from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.static import serve

from .middleware import DATABASE_UNAVAILABLE, database_unavailable


@requires_csrf_token
def page_not_found(request, exception):
    # Its context (the site's name, the footer) comes from the database, which may be away.
    try:
        return render(request, "404.html", status=404)
    except DATABASE_UNAVAILABLE as error:
        return database_unavailable(request, error)


def server_error(request):
    # Rendered without the request's context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def media_file(request, path, document_root):
    """An uploaded file, served by Django itself (SERVE_MEDIA); a name no disk can hold is none."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:  # a name too long for the file system, say
        raise Http404("No such file") from error
