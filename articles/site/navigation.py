"""The main menu, and which of its entries the reader is in."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    current: str = ""  # the aria-current value: "page" on the entry itself, "true" below it


def main_menu(path, sections):
    """Return the menu's entries, the one that holds `path` marked current."""
    entries = [
        ("Home", reverse("articles:home")),
        ("Issues", reverse("articles:issue-archive")),
        *((section.name, section.get_absolute_url()) for section in sections),
        ("Authors", reverse("articles:author-list")),
        ("Most read", reverse("articles:most-read")),
        ("Staff Publications", reverse("articles:staff-publications")),
    ]
    return [MenuEntry(label, url, _current(path, url)) for label, url in entries]


def _current(path, url):
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def current_url(menu):
    """The address of the current entry, or "" when the page is in none of them."""
    return next((entry.url for entry in menu if entry.current), "")
