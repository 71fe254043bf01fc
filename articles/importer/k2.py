"""Reading a Joomla/K2 database (MariaDB or MySQL) with PyMySQL, one item at a time.

Categories, users, access levels and menu paths are read first (they are few); items are
streamed with a server-side cursor, their published tags gathered in the same query, so memory
stays flat however many items there are.
"""

import contextlib
import hashlib
import json
import re
from pathlib import Path

import pymysql
from django.utils import timezone
from django.utils.text import slugify

from ..text.plain import plain
from .bylines import import_authors, is_placeholder, parse_alias
from .database import SourceError, connect
from .doubles import intro_repeats_text
from .errors import describe
from .files import k2_attachments, linked_pdfs
from .item import ImportAuthor, ImportImage, ImportItem, ItemError, ItemSkipped
from .parts import join_intro, take_bio, take_byline
from .repair import repair, repair_title
from .visibility import (
    category_hidden,
    guest_access,
    guest_group_of,
    item_state,
    joomla_15_access,
    source_time,
)

__all__ = ["K2Source", "SourceError", "connect", "md5_image_name"]

TAG_SEPARATOR = "\x1f"
_MENU_CATEGORY = re.compile(r"[?&]id=(\d+)")
REQUIRED_TABLES = ("k2_items", "k2_categories", "k2_users", "k2_tags", "k2_tags_xref")
OPTIONAL_TABLES = ("users", "menu", "viewlevels", "usergroups", "extensions", "k2_attachments")


def md5_image_name(item_id):
    """K2 names an item's image after md5("Image" + id)."""
    return hashlib.md5(f"Image{item_id}".encode(), usedforsecurity=False).hexdigest()


class K2Source:
    def __init__(self, database, prefix="jos_", media=None):
        self.database = database
        self.prefix = prefix
        self.media = Path(media) if media else None
        self.table = {name: f"`{prefix}{name}`" for name in (*REQUIRED_TABLES, *OPTIONAL_TABLES)}
        self.present = set()

    def load(self):
        """Read what the items refer to: categories, users, access levels, menu paths."""
        try:
            self.present = self._check_tables()
            self.categories = {row["id"]: row for row in self._all("k2_categories")}
            self.users = self._users()
            self.access = self._access()
            self.attachments = self._attachments()
            self.menu_paths = self._menu_paths()
        except pymysql.err.MySQLError as error:
            raise SourceError(f"Cannot read the K2 database: {error.args[-1]}") from error
        return self

    def _check_tables(self):
        """The tables there are; a missing K2 table is named, with what to do."""
        present = {name.lower() for name in self.database.tables()}
        known = (*REQUIRED_TABLES, *OPTIONAL_TABLES)
        found = {name for name in known if f"{self.prefix}{name}".lower() in present}
        if not found & set(REQUIRED_TABLES):
            elsewhere = sorted(
                name.removesuffix("k2_items") for name in present if name.endswith("k2_items")
            )
            hint = f" K2's tables here have the prefix {elsewhere[0]!r}." if elsewhere else ""
            raise SourceError(
                f"No K2 tables with the prefix {self.prefix!r} here; check --prefix.{hint}"
            )
        if missing := [f"{self.prefix}{name}" for name in REQUIRED_TABLES if name not in found]:
            raise SourceError(
                f"K2's table{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"{'are' if len(missing) > 1 else 'is'} missing from this database. K2 creates "
                "every one of its tables on install: restore the missing ones from the site's "
                "backup (or create them empty from K2's install.mysql.sql), then import."
            )
        return found

    def count(self):
        return self.database.one(f"SELECT COUNT(*) AS n FROM {self.table['k2_items']}")["n"]

    def first_year(self):
        row = self.database.one(
            f"SELECT MIN(YEAR(created)) AS y FROM {self.table['k2_items']} WHERE YEAR(created) > 0"
        )
        return row["y"]

    def items(self):
        """Yield an ImportItem (or the ItemError it became) per K2 item, in id order."""
        read = 0
        setup = (
            "SET SESSION group_concat_max_len = 1048576",
            "SET SESSION net_write_timeout = 3600",
        )
        try:
            for row in self.database.stream(self._items_query(), setup):
                read += 1
                yield self._item_or_error(row)
        except pymysql.err.MySQLError as error:
            raise SourceError(
                f"Reading the K2 items stopped after {read}: {error.args[-1]}. "
                "The items written before were imported whole; run the import again to go on."
            ) from error

    def _item_or_error(self, row):
        try:
            return self.item(row)
        except ItemError as error:
            return error
        except Exception as error:  # one odd row must not stop the others
            return ItemError(
                f"K2 item {row.get('id')}", describe(error), source="k2", key=str(row.get("id"))
            )

    def _items_query(self):
        t = self.table
        return (
            f"SELECT i.*, (SELECT GROUP_CONCAT(tag.name ORDER BY x.id SEPARATOR '{TAG_SEPARATOR}') "
            f"FROM {t['k2_tags_xref']} x JOIN {t['k2_tags']} tag ON tag.id = x.tagID "
            f"WHERE x.itemID = i.id AND tag.published = 1) AS tag_names "
            f"FROM {t['k2_items']} i ORDER BY i.id"
        )

    def _all(self, name):
        if name not in self.present:
            return []  # an optional Joomla table this dump lacks
        return self.database.all(f"SELECT * FROM {self.table[name]}")

    def _users(self):
        users = {row["userID"]: row for row in self._all("k2_users")}
        for row in self._all("users"):
            users.setdefault(row["id"], {"userName": row["name"], "description": ""})
        return users

    def _attachments(self):
        """Item id → its k2_attachments rows (few beside the items, so read at once)."""
        by_item = {}
        for row in sorted(self._all("k2_attachments"), key=lambda row: row["id"]):
            by_item.setdefault(row["itemID"], []).append(row)
        return by_item

    def _access(self):
        """The access levels a guest had: Joomla 1.6+'s tables, else Joomla 1.5's fixed ones."""
        if "viewlevels" not in self.present:
            return joomla_15_access()
        users = [row for row in self._all("extensions") if row.get("element") == "com_users"]
        guest = guest_group_of(users[0].get("params") if users else None)
        return guest_access(self._all("viewlevels"), self._all("usergroups"), guest)

    def _menu_paths(self):
        """Category id → the menu path its items were published under (/<path>/item/…)."""
        paths = {}
        for row in sorted(self._all("menu"), key=lambda row: row["id"]):
            link = row.get("link") or ""
            if "option=com_k2" not in link or "view=itemlist" not in link or not row.get("path"):
                continue
            if row.get("published", 1) != 1:
                continue
            for category in _menu_categories(link, row.get("params")):
                paths.setdefault(category, row["path"].strip("/"))
        return paths

    def item(self, row):
        """One K2 item as an ImportItem."""
        label = f"K2 item {row['id']}"
        title = repair_title(row["title"] or "")
        if not title:
            raise ItemError(label, "has no title", source="k2", key=str(row["id"]))
        category = self.categories.get(row["catid"])
        if category is None:
            reason = f"its category {row['catid']} does not exist in K2; not imported"
            raise ItemSkipped(label, reason, source="k2", key=str(row["id"]))
        hidden_category = category_hidden(category, self.categories, self.access)
        status, published_at, reason = item_state(row, self.access, hidden_category)
        item = ImportItem(
            source="k2",
            key=str(row["id"]),
            label=f"{label} “{title[:60]}”",
            title=title,
            slug=slugify(row["alias"] or "")[:200],
            section=repair(category["name"]).strip(),
            status=status,
            published_at=published_at,
            tags=_tags(row.get("tag_names")),
            legacy_reads=row.get("hits") or 0,
        )
        item.hidden_reason = reason
        item.section_listed = hidden_category is None
        self._read_text(item, row)
        if not plain(item.body) and "<img" not in item.body:
            reason = "its text is empty in K2; not imported"
            raise ItemSkipped(item.label, reason, source="k2", key=item.key)
        if not item.issue_date and published_at:
            item.issue_date, item.date_source = timezone.localdate(published_at), "publish date"
        item.image = self._image(row, item)
        self._files(row, item)
        item.old_paths = self._old_paths(row, category)
        return item

    def _read_text(self, item, row):
        notes = item.warnings
        intro, full = repair(row["introtext"] or "", notes), repair(row["fulltext"] or "", notes)
        dates = [source_time(row.get("created")), item.published_at]
        byline, full = take_byline(full, dates)
        intro_byline, intro = take_byline(intro, dates)
        byline = byline or intro_byline
        item.bio, text = take_bio(join_intro(intro, full))
        item.body = text
        item.teaser = _teaser(repair(row.get("metadesc") or ""), text)
        alias = parse_alias(repair(row.get("created_by_alias") or ""), dates)
        item.authors = self._authors(row, alias if alias.authors else byline)
        dated = next((found for found in (byline, alias) if found and found.issue_date), None)
        if dated:
            item.issue_date, item.date_source = dated.issue_date, dated.date_source
        notes += [note for found in (byline, alias) if found for note in found.notes]
        item.warnings[:] = dict.fromkeys(item.warnings)

    def _authors(self, row, byline):
        if byline and byline.authors:
            return import_authors(byline)
        user = self.users.get(row.get("created_by"))
        if user and not is_placeholder(user["userName"] or ""):
            name, bio = repair(user["userName"]).strip(), plain(user["description"] or "")
            return [ImportAuthor(name, bio)]
        return []

    def _image(self, row, item):
        if self.media is None:
            return None
        name = f"{md5_image_name(row['id'])}.jpg"
        for folder in (self.media / "media/k2/items/src", self.media / "items/src", self.media):
            if (path := folder / name).is_file():
                caption = repair(row.get("image_caption") or "").strip()
                credits = repair(row.get("image_credits") or "").strip()
                if credits:
                    caption = f"{caption} ({credits})" if caption else credits
                content = path.read_bytes()
                return ImportImage(name=f"k2-{row['id']}.jpg", content=content, caption=caption)
        return None

    def _files(self, row, item):
        attached, warnings = k2_attachments(self.attachments.get(row["id"], []), self.media)
        linked, link_warnings = linked_pdfs(item.body, self.media)
        item.attachments = attached + linked
        item.warnings += warnings + link_warnings

    def _old_paths(self, row, category):
        alias = row["alias"] or ""
        paths = [f"/component/k2/item/{row['id']}" + (f"-{alias}" if alias else "")]
        if menu := self._menu_path(category):
            paths.append(f"/{menu}/item/{row['id']}-{alias}.html")
        return paths

    def _menu_path(self, category):
        """The menu path of the category, or of the nearest parent that has one, as K2 routes."""
        seen = set()
        while category and category["id"] not in seen:
            if path := self.menu_paths.get(category["id"]):
                return path
            seen.add(category["id"])
            category = self.categories.get(category.get("parent") or 0)
        return None


def _tags(names):
    found = (repair(name).strip() for name in (names or "").split(TAG_SEPARATOR))
    return list(dict.fromkeys(name for name in found if name))


def _teaser(metadesc, text):
    """The meta description as teaser, where it is more than the start of the text itself."""
    if plain(metadesc) and not intro_repeats_text(metadesc, text):
        return plain(metadesc)
    return ""


def _menu_categories(link, params):
    found = [int(match) for match in _MENU_CATEGORY.findall(link)]
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        found += [int(value) for value in json.loads(params or "{}").get("categories", [])]
    return found
