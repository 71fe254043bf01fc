"""Reading a Joomla/K2 database (MariaDB or MySQL) with PyMySQL, one item at a time.

Categories, users and menu paths are read first (they are few); items are streamed with a
server-side cursor, their tags gathered in the same query, so memory stays flat however many
items there are.
"""

import contextlib
import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pymysql
import pymysql.cursors
from django.utils import timezone
from django.utils.text import slugify

from ..models import ArticleStatus
from ..text.plain import plain
from .bylines import import_authors, is_placeholder, parse_alias
from .doubles import intro_repeats_text
from .item import ImportAuthor, ImportImage, ImportItem, ItemError
from .parts import join_intro, take_bio, take_byline
from .repair import repair, repair_title
from .writer import describe

TAG_SEPARATOR = "\x1f"
_MENU_CATEGORY = re.compile(r"[?&]id=(\d+)")


class SourceError(Exception):
    """The source cannot be read at all: no connection, no such tables."""


def connect(dsn):
    """Open a connection from mysql://user:password@host:port/database[?charset=…]."""
    parts = urlsplit(dsn)
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise SourceError(f"Give the database as mysql://user:password@host/database, not {dsn!r}.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    where = f"{parts.hostname or 'localhost'}:{parts.port or 3306}/{parts.path.strip('/')}"
    try:
        return pymysql.connect(
            host=parts.hostname or "localhost",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            database=unquote(parts.path.strip("/")),
            charset=options.get("charset", "utf8mb4"),
            connect_timeout=10,
            autocommit=True,
            cursorclass=pymysql.cursors.DictCursor,
        )
    except pymysql.err.MySQLError as error:
        reason = error.args[-1]
        raise SourceError(f"Cannot connect to the K2 database at {where}: {reason}") from error


def md5_image_name(item_id):
    """K2 names an item's image after md5("Image" + id)."""
    return hashlib.md5(f"Image{item_id}".encode(), usedforsecurity=False).hexdigest()


class K2Source:
    def __init__(self, connection, prefix="jos_", media=None):
        self.connection = connection
        self.prefix = prefix
        self.media = Path(media) if media else None
        self.table = {name: f"`{prefix}{name}`" for name in _TABLES}

    def load(self):
        """Read what the items refer to: categories, users, tags' table layout, menu paths."""
        try:
            self.categories = {row["id"]: row for row in self._all("k2_categories")}
            self.users = self._users()
            self.menu_paths = self._menu_paths()
        except pymysql.err.ProgrammingError as error:
            raise SourceError(
                f"No K2 tables with the prefix {self.prefix!r} here ({error.args[-1]}); "
                "check --prefix."
            ) from error
        except pymysql.err.MySQLError as error:
            raise SourceError(f"Cannot read the K2 database: {error.args[-1]}") from error
        return self

    def count(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) AS n FROM {self.table['k2_items']}")
            return cursor.fetchone()["n"]

    def first_year(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT MIN(YEAR(created)) AS y FROM {self.table['k2_items']} "
                "WHERE YEAR(created) > 0"
            )
            return cursor.fetchone()["y"]

    def items(self):
        """Yield an ImportItem (or an ItemError) per K2 item, in id order, streaming the rows."""
        read = 0
        try:
            with self.connection.cursor(pymysql.cursors.SSDictCursor) as cursor:
                cursor.execute("SET SESSION group_concat_max_len = 1048576")
                cursor.execute("SET SESSION net_write_timeout = 3600")
                cursor.execute(self._items_query())
                for row in cursor:
                    read += 1
                    yield self._item_or_error(row)
        except pymysql.err.MySQLError as error:
            raise SourceError(
                f"Reading the K2 items stopped after {read}: {error.args[-1]}. "
                "Those before were imported whole; run the import again to go on."
            ) from error

    def _item_or_error(self, row):
        try:
            return self.item(row)
        except ItemError as error:
            return error
        except Exception as error:  # one odd row must not stop the others
            return ItemError(f"K2 item {row.get('id')}", describe(error))

    def _items_query(self):
        t = self.table
        return (
            f"SELECT i.*, (SELECT GROUP_CONCAT(tag.name ORDER BY x.id SEPARATOR '{TAG_SEPARATOR}') "
            f"FROM {t['k2_tags_xref']} x JOIN {t['k2_tags']} tag ON tag.id = x.tagID "
            f"WHERE x.itemID = i.id) AS tag_names FROM {t['k2_items']} i ORDER BY i.id"
        )

    def _all(self, name):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {self.table[name]}")
            return cursor.fetchall()

    def _users(self):
        users = {row["userID"]: row for row in self._all("k2_users")}
        try:
            joomla_users = self._all("users")
        except pymysql.err.ProgrammingError:
            joomla_users = []  # a K2 dump without Joomla's own tables
        for row in joomla_users:
            users.setdefault(row["id"], {"userName": row["name"], "description": ""})
        return users

    def _menu_paths(self):
        """Category id → the menu path its items were published under (/<path>/item/…)."""
        try:
            rows = self._all("menu")
        except pymysql.err.ProgrammingError:
            return {}
        paths = {}
        for row in sorted(rows, key=lambda row: row["id"]):
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
            raise ItemError(label, "has no title")
        category = self.categories.get(row["catid"])
        if category is None:
            raise ItemError(label, f"its category {row['catid']} does not exist")
        status, published_at, reason = item_state(row)
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
        if reason:
            item.warnings.append(reason)
        self._read_text(item, row)
        if not item.issue_date and published_at:
            item.issue_date, item.date_source = timezone.localdate(published_at), "publish date"
        item.image = self._image(row, item)
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


_TABLES = ("k2_items", "k2_categories", "k2_users", "k2_tags", "k2_tags_xref", "users", "menu")


def item_state(row, now=None):
    """Return (status, published_at, reason) from K2's published, trash and publishing window."""
    now = now or timezone.now()
    up = source_time(row.get("publish_up")) or source_time(row.get("created"))
    down = source_time(row.get("publish_down"))
    if row.get("trash"):
        return ArticleStatus.WITHDRAWN, up, "in K2's trash: imported as withdrawn"
    if not row.get("published"):
        return ArticleStatus.DRAFT, up, ""
    if down and down <= now:
        ended = f"its publishing ended on {down:%Y-%m-%d}: imported as withdrawn"
        return ArticleStatus.WITHDRAWN, up, ended
    if up is None:
        return ArticleStatus.DRAFT, None, "published in K2 without any date: imported as a draft"
    return (ArticleStatus.SCHEDULED if up > now else ArticleStatus.PUBLISHED), up, ""


def source_time(value):
    """Joomla keeps UTC; a zero date ('0000-00-00 00:00:00') means none."""
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value


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
