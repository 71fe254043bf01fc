"""The admin of what surrounds the articles: sections, authors, tags, the sidebar's content."""

from django.contrib import admin

from ..models import Author, PartnerSite, Section, StaffPublication, Tag
from .display import ArticleCountMixin, image_preview


@admin.register(Section)
class SectionAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "structured", "position", "article_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "user", "article_count", "photo_preview"]
    search_fields = ["name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
    autocomplete_fields = ["user"]
    fields = ["name", "slug", "affiliation", "bio", "photo", "photo_preview", "photo_alt", "user"]

    @admin.display(description="photo")
    def photo_preview(self, author):
        return image_preview(author.photo, author.photo_alt)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StaffPublication)
class StaffPublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "authors", "outlet", "date", "cover_preview"]
    list_filter = ["kind"]
    search_fields = ["title", "authors", "outlet"]
    date_hierarchy = "date"
    readonly_fields = ["cover_preview"]
    fields = [
        *("kind", "authors", "title", "outlet", "date", "url"),
        *("cover", "cover_preview", "cover_alt"),
    ]

    @admin.display(description="cover")
    def cover_preview(self, publication):
        return image_preview(publication.cover, publication.cover_alt)


@admin.register(PartnerSite)
class PartnerSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "position", "logo_preview"]
    list_editable = ["position"]
    search_fields = ["name"]
    readonly_fields = ["logo_preview"]
    fields = ["name", "url", "logo", "logo_preview", "logo_alt", "position"]

    @admin.display(description="logo")
    def logo_preview(self, partner):
        return image_preview(partner.logo, partner.logo_alt, height=40)
