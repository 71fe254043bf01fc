"""The main menu, and which of its entries the reader is in."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    current: str = ""  # the aria-current value: "page" on the entry itself, "true" below it


def main_menu(path, sections):
    """Return the menu's entries, the one that holds `path` marked current."""
    listed = tuple((section.name, section.slug) for section in sections)
    links = _menu_links(listed, get_script_prefix())
    return [MenuEntry(label, url, _current(path, url)) for label, url in links]


@lru_cache(maxsize=64)
def _menu_links(sections, script_prefix):
    """(label, address) of each entry: the same on every page, so reversed once per process
    for each list of sections (the script prefix is part of every address)."""
    return (
        ("Home", reverse("articles:home")),
        ("Issues", reverse("articles:issue-archive")),
        *((name, reverse("articles:section", args=[slug])) for name, slug in sections),
        ("Authors", reverse("articles:author-list")),
        ("Most read", reverse("articles:most-read")),
        ("Staff Publications", reverse("articles:staff-publications")),
    )


def _current(path, url):
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def current_url(menu):
    """The address of the current entry, or "" when the page is in none of them."""
    return next((entry.url for entry in menu if entry.current), "")
