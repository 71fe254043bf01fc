"""What an anonymous reader of the old site could see: K2's states and Joomla's access levels.

An item is public only if K2 and Joomla would show it to a visitor who is not logged in: the
item published, not trashed, in its publishing window, at an access level the guest has; its
category and every parent published, not trashed, and at such a level too. Anything else is
imported hidden, with the reason.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

from ..models import ArticleStatus

# Joomla 1.6 and later: level 1 ("Public") is granted to everyone, whatever its rules say.
# Joomla 1.5 had no access-level table: 0 was public, 1 registered, 2 special.
ALWAYS_PUBLIC_LEVEL = 1
JOOMLA_15_PUBLIC_LEVEL = 0
DEFAULT_GUEST_GROUP = 1  # com_users' guest_usergroup when it was never set
IMPORTED_AS = {ArticleStatus.DRAFT: "a draft", ArticleStatus.WITHDRAWN: "withdrawn"}


@dataclass(frozen=True)
class Access:
    """The access levels a guest has, and their names for the report."""

    public_levels: frozenset
    level_names: dict

    def is_public(self, level):
        return level in self.public_levels

    def describe(self, level):
        name = self.level_names.get(level)
        return f"the {name} access level ({level})" if name else f"access level {level}"


def joomla_15_access():
    return Access(frozenset({JOOMLA_15_PUBLIC_LEVEL}), {0: "Public", 1: "Registered", 2: "Special"})


def guest_access(viewlevels, usergroups, guest_group=DEFAULT_GUEST_GROUP):
    """The levels a guest has: level 1, and every level whose rules name a guest's group."""
    parents = {row["id"]: row["parent_id"] for row in usergroups}
    groups, group = set(), guest_group
    while group and group not in groups:
        groups.add(group)
        group = parents.get(group)
    public = {ALWAYS_PUBLIC_LEVEL}
    for row in viewlevels:
        if groups & set(_rules(row["rules"])):
            public.add(row["id"])
    names = {row["id"]: row["title"] for row in viewlevels}
    return Access(frozenset(public), names)


def guest_group_of(extension_params):
    """com_users' guest group from its parameters (JSON), or Joomla's default."""
    try:
        return int(json.loads(extension_params or "{}").get("guest_usergroup", DEFAULT_GUEST_GROUP))
    except (ValueError, TypeError, AttributeError):
        return DEFAULT_GUEST_GROUP


def _rules(text):
    try:
        rules = json.loads(text or "[]")
    except ValueError:
        return []
    return [int(rule) for rule in rules if str(rule).lstrip("-").isdigit()]


@dataclass(frozen=True)
class Hidden:
    """Why something was not public on the old site, and the state it is imported in."""

    status: str
    reason: str


def category_hidden(category, categories, access):
    """Why the category (or one of its parents) hid its items, or None."""
    seen = set()
    while category is not None and category["id"] not in seen:
        seen.add(category["id"])
        name = f"its category “{category['name']}”"
        if category.get("trash"):
            return Hidden(ArticleStatus.WITHDRAWN, f"{name} is in K2's trash")
        if not category.get("published"):
            return Hidden(ArticleStatus.DRAFT, f"{name} is unpublished in K2")
        if not access.is_public(category.get("access")):
            level = access.describe(category.get("access"))
            return Hidden(ArticleStatus.DRAFT, f"{name} is only for readers at {level}")
        category = categories.get(category.get("parent") or 0)
    return None


def item_state(row, access, category=None, now=None):
    """Return (status, published_at, reason): the reason says why it is hidden, or is empty."""
    now = now or timezone.now()
    up = source_time(row.get("publish_up")) or source_time(row.get("created"))
    hidden = _item_hidden(row, access, up, now) or category
    if hidden is not None:
        return hidden.status, up, f"{hidden.reason}: imported as {IMPORTED_AS[hidden.status]}"
    if up is None:
        return ArticleStatus.DRAFT, None, "published in K2 without any date: imported as a draft"
    return (ArticleStatus.SCHEDULED if up > now else ArticleStatus.PUBLISHED), up, ""


def _item_hidden(row, access, up, now):
    down = source_time(row.get("publish_down"))
    if row.get("trash"):
        return Hidden(ArticleStatus.WITHDRAWN, "in K2's trash")
    if not row.get("published"):
        return Hidden(ArticleStatus.DRAFT, "unpublished in K2")
    if down and down <= now:
        return Hidden(ArticleStatus.WITHDRAWN, f"its publishing ended on {down:%Y-%m-%d}")
    if not access.is_public(row.get("access")):
        return Hidden(ArticleStatus.DRAFT, f"only for readers at {access.describe(row['access'])}")
    return None


def source_time(value):
    """Joomla keeps UTC; a zero date ('0000-00-00 00:00:00') means none."""
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value
