"""The admin: articles and their workflow, issues and their publication, what surrounds them,
and the records; the front page is the editor's desk."""

from django.contrib import admin

from . import articles, issues, publication, records

# The admin's front page is the editor's desk (templates/admin/editors_desk.html).
admin.site.index_template = "admin/editors_desk.html"

__all__ = ["articles", "issues", "publication", "records"]
