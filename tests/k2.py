"""A Joomla 3/K2 database for tests, built in the MariaDB server on this machine, in K2's layout.

The tables are those K2's install script (administrator/components/com_k2/install.mysql.sql)
and Joomla 3's create, column for column, NOT NULL columns without defaults included, under a
prefix of the test's own. Rows are written as K2 and Joomla write them: every column given, in
strict mode, so a test cannot lean on a default the real tables do not have.
"""

import contextlib
import io
import itertools
import json
import os

import pymysql
import pytest
from django.core.management import call_command

MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
PREFIX = "k2site_"
# Scratch databases are named after this, so that test runs sharing a server keep apart.
DATABASE_PREFIX = os.environ.get("K2_TEST_DATABASE_PREFIX", "analyst_k2_test")
ZERO_DATE = "0000-00-00 00:00:00"
GUEST_GROUP = 9
_numbers = itertools.count(1)

SCHEMA = """
CREATE TABLE `{p}k2_attachments` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `itemID` int(11) NOT NULL,
  `filename` varchar(255) NOT NULL,
  `title` varchar(255) NOT NULL,
  `titleAttribute` text NOT NULL,
  `hits` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `itemID` (`itemID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_categories` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `alias` varchar(255) NOT NULL,
  `description` text NOT NULL,
  `parent` int(11) DEFAULT '0',
  `extraFieldsGroup` int(11) NOT NULL,
  `published` smallint(6) NOT NULL DEFAULT '0',
  `access` int(11) NOT NULL DEFAULT '0',
  `ordering` int(11) NOT NULL DEFAULT '0',
  `image` varchar(255) NOT NULL,
  `params` text NOT NULL,
  `trash` smallint(6) NOT NULL DEFAULT '0',
  `plugins` text NOT NULL,
  `language` char(7) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `category` (`published`,`access`,`trash`),
  KEY `parent` (`parent`),
  KEY `ordering` (`ordering`),
  KEY `published` (`published`),
  KEY `access` (`access`),
  KEY `trash` (`trash`),
  KEY `language` (`language`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_comments` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `itemID` int(11) NOT NULL,
  `userID` int(11) NOT NULL,
  `userName` varchar(255) NOT NULL,
  `commentDate` datetime NOT NULL,
  `commentText` text NOT NULL,
  `commentEmail` varchar(255) NOT NULL,
  `commentURL` varchar(255) NOT NULL,
  `published` int(11) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  KEY `itemID` (`itemID`),
  KEY `userID` (`userID`),
  KEY `published` (`published`),
  KEY `latestComments` (`published`,`commentDate`),
  KEY `countComments` (`itemID`,`published`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_extra_fields` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `value` text NOT NULL,
  `type` varchar(255) NOT NULL,
  `group` int(11) NOT NULL,
  `published` tinyint(4) NOT NULL,
  `ordering` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `group` (`group`),
  KEY `published` (`published`),
  KEY `ordering` (`ordering`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_extra_fields_groups` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_items` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `title` varchar(255) NOT NULL,
  `alias` varchar(255) DEFAULT NULL,
  `catid` int(11) NOT NULL,
  `published` smallint(6) NOT NULL DEFAULT '0',
  `introtext` mediumtext NOT NULL,
  `fulltext` mediumtext NOT NULL,
  `video` text,
  `gallery` varchar(255) DEFAULT NULL,
  `extra_fields` text CHARACTER SET utf8 COLLATE utf8_unicode_ci,
  `extra_fields_search` text NOT NULL,
  `created` datetime NOT NULL,
  `created_by` int(11) NOT NULL DEFAULT '0',
  `created_by_alias` varchar(255) NOT NULL,
  `checked_out` int(10) unsigned NOT NULL,
  `checked_out_time` datetime NOT NULL,
  `modified` datetime NOT NULL,
  `modified_by` int(11) NOT NULL DEFAULT '0',
  `publish_up` datetime NOT NULL,
  `publish_down` datetime NOT NULL,
  `trash` smallint(6) NOT NULL DEFAULT '0',
  `access` int(11) NOT NULL DEFAULT '0',
  `ordering` int(11) NOT NULL DEFAULT '0',
  `featured` smallint(6) NOT NULL DEFAULT '0',
  `featured_ordering` int(11) NOT NULL DEFAULT '0',
  `image_caption` text NOT NULL,
  `image_credits` varchar(255) NOT NULL,
  `video_caption` text NOT NULL,
  `video_credits` varchar(255) NOT NULL,
  `hits` int(10) unsigned NOT NULL,
  `params` text NOT NULL,
  `metadesc` text NOT NULL,
  `metadata` text NOT NULL,
  `metakey` text NOT NULL,
  `plugins` text NOT NULL,
  `language` char(7) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `item` (`published`,`publish_up`,`publish_down`,`trash`,`access`),
  KEY `catid` (`catid`),
  KEY `created_by` (`created_by`),
  KEY `ordering` (`ordering`),
  KEY `featured` (`featured`),
  KEY `featured_ordering` (`featured_ordering`),
  KEY `hits` (`hits`),
  KEY `created` (`created`),
  KEY `language` (`language`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_rating` (
  `itemID` int(11) NOT NULL DEFAULT '0',
  `rating_sum` int(11) unsigned NOT NULL DEFAULT '0',
  `rating_count` int(11) unsigned NOT NULL DEFAULT '0',
  `lastip` varchar(50) NOT NULL DEFAULT '',
  PRIMARY KEY (`itemID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_tags` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `published` smallint(6) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  KEY `published` (`published`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_tags_xref` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `tagID` int(11) NOT NULL,
  `itemID` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `tagID` (`tagID`),
  KEY `itemID` (`itemID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `userID` int(11) NOT NULL,
  `userName` varchar(255) DEFAULT NULL,
  `gender` enum('m','f') NOT NULL DEFAULT 'm',
  `description` text NOT NULL,
  `image` varchar(255) DEFAULT NULL,
  `url` varchar(255) DEFAULT NULL,
  `group` int(11) NOT NULL DEFAULT '0',
  `plugins` text NOT NULL,
  `ip` varchar(15) NOT NULL,
  `hostname` varchar(255) NOT NULL,
  `notes` text NOT NULL,
  PRIMARY KEY (`id`),
  KEY `userID` (`userID`),
  KEY `group` (`group`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_user_groups` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL,
  `permissions` text NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}k2_log` (
  `status` int(11) NOT NULL,
  `response` text NOT NULL,
  `timestamp` datetime NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE `{p}users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(400) NOT NULL DEFAULT '',
  `username` varchar(150) NOT NULL DEFAULT '',
  `email` varchar(100) NOT NULL DEFAULT '',
  `password` varchar(100) NOT NULL DEFAULT '',
  `block` tinyint(4) NOT NULL DEFAULT '0',
  `sendEmail` tinyint(4) DEFAULT '0',
  `registerDate` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `lastvisitDate` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `activation` varchar(100) NOT NULL DEFAULT '',
  `params` text NOT NULL,
  `lastResetTime` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `resetCount` int(11) NOT NULL DEFAULT '0',
  `otpKey` varchar(1000) NOT NULL DEFAULT '',
  `otep` varchar(1000) NOT NULL DEFAULT '',
  `requireReset` tinyint(4) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  KEY `idx_name` (`name`(100)),
  KEY `idx_block` (`block`),
  KEY `username` (`username`),
  KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}usergroups` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `parent_id` int(10) unsigned NOT NULL DEFAULT '0',
  `lft` int(11) NOT NULL DEFAULT '0',
  `rgt` int(11) NOT NULL DEFAULT '0',
  `title` varchar(100) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_usergroup_parent_title_lookup` (`parent_id`,`title`),
  KEY `idx_usergroup_title_lookup` (`title`),
  KEY `idx_usergroup_adjacency_lookup` (`parent_id`),
  KEY `idx_usergroup_nested_set_lookup` (`lft`,`rgt`) USING BTREE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}viewlevels` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(100) NOT NULL DEFAULT '',
  `ordering` int(11) NOT NULL DEFAULT '0',
  `rules` varchar(5120) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_assetgroup_title_lookup` (`title`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}menu` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `menutype` varchar(24) NOT NULL,
  `title` varchar(255) NOT NULL,
  `alias` varchar(400) NOT NULL,
  `note` varchar(255) NOT NULL DEFAULT '',
  `path` varchar(1024) NOT NULL,
  `link` varchar(1024) NOT NULL,
  `type` varchar(16) NOT NULL,
  `published` tinyint(4) NOT NULL DEFAULT '0',
  `parent_id` int(10) unsigned NOT NULL DEFAULT '1',
  `level` int(10) unsigned NOT NULL DEFAULT '0',
  `component_id` int(10) unsigned NOT NULL DEFAULT '0',
  `checked_out` int(10) unsigned NOT NULL DEFAULT '0',
  `checked_out_time` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
  `browserNav` tinyint(4) NOT NULL DEFAULT '0',
  `access` int(10) unsigned NOT NULL DEFAULT '0',
  `img` varchar(255) NOT NULL,
  `template_style_id` int(10) unsigned NOT NULL DEFAULT '0',
  `params` text NOT NULL,
  `lft` int(11) NOT NULL DEFAULT '0',
  `rgt` int(11) NOT NULL DEFAULT '0',
  `home` tinyint(3) unsigned NOT NULL DEFAULT '0',
  `language` char(7) NOT NULL DEFAULT '',
  `client_id` tinyint(4) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  KEY `idx_componentid` (`component_id`,`menutype`,`published`,`access`),
  KEY `idx_menutype` (`menutype`),
  KEY `idx_left_right` (`lft`,`rgt`),
  KEY `idx_alias` (`alias`(100)),
  KEY `idx_path` (`path`(255)),
  KEY `idx_language` (`language`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}extensions` (
  `extension_id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(100) NOT NULL,
  `type` varchar(20) NOT NULL,
  `element` varchar(100) NOT NULL,
  `folder` varchar(100) NOT NULL,
  `client_id` tinyint(3) NOT NULL,
  `enabled` tinyint(3) NOT NULL DEFAULT '1',
  `access` int(10) unsigned NOT NULL DEFAULT '1',
  `protected` tinyint(3) NOT NULL DEFAULT '0',
  `manifest_cache` text NOT NULL,
  `params` text NOT NULL,
  `custom_data` text NOT NULL,
  `system_data` text NOT NULL,
  `checked_out` int(10) unsigned NOT NULL DEFAULT '0',
  `checked_out_time` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `ordering` int(11) DEFAULT '0',
  `state` int(11) DEFAULT '0',
  PRIMARY KEY (`extension_id`),
  KEY `element_clientid` (`element`,`client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""

# What K2 and Joomla write into the columns a form leaves empty.
ROW_DEFAULTS = {
    "k2_categories": {
        "description": "", "parent": 0, "extraFieldsGroup": 0, "published": 1, "access": 1,
        "ordering": 0, "image": "", "params": "{}", "trash": 0, "plugins": "", "language": "*",
    },
    "k2_items": {
        "alias": "", "published": 1, "introtext": "", "fulltext": "", "video": None,
        "gallery": None, "extra_fields": "[]", "extra_fields_search": "",
        "created": "2003-07-16 08:00:00", "created_by": 0, "created_by_alias": "",
        "checked_out": 0, "checked_out_time": ZERO_DATE, "modified": ZERO_DATE,
        "modified_by": 0, "publish_down": ZERO_DATE, "trash": 0, "access": 1, "ordering": 0,
        "featured": 0, "featured_ordering": 0, "image_caption": "", "image_credits": "",
        "video_caption": "", "video_credits": "", "hits": 0, "params": "{}", "metadesc": "",
        "metadata": "robots=\nauthor=", "metakey": "", "plugins": "", "language": "*",
    },
    "k2_users": {
        "gender": "m", "description": "", "image": None, "url": None, "group": 1,
        "plugins": "", "ip": "127.0.0.1", "hostname": "localhost", "notes": "",
    },
    "k2_tags": {"published": 1},
    "k2_attachments": {"title": "", "titleAttribute": "", "hits": 0},
    "users": {
        "username": "", "email": "", "password": "", "block": 0, "sendEmail": 0,
        "registerDate": "2002-01-01 00:00:00", "lastvisitDate": ZERO_DATE, "activation": "",
        "params": "{}", "lastResetTime": ZERO_DATE, "resetCount": 0, "otpKey": "", "otep": "",
        "requireReset": 0,
    },
    "menu": {
        "menutype": "mainmenu", "note": "", "type": "component", "published": 1,
        "parent_id": 1, "level": 1, "component_id": 0, "checked_out": 0,
        "checked_out_time": ZERO_DATE, "browserNav": 0, "access": 1, "img": "",
        "template_style_id": 0, "params": "{}", "lft": 0, "rgt": 0, "home": 0,
        "language": "*", "client_id": 0,
    },
}  # fmt: skip

# Joomla 3's own rows: its user groups, its access levels, and com_users' guest group.
JOOMLA_ROWS = {
    "usergroups": [
        {"id": 1, "parent_id": 0, "lft": 1, "rgt": 18, "title": "Public"},
        {"id": 2, "parent_id": 1, "lft": 8, "rgt": 15, "title": "Registered"},
        {"id": 3, "parent_id": 2, "lft": 9, "rgt": 14, "title": "Author"},
        {"id": 4, "parent_id": 3, "lft": 10, "rgt": 13, "title": "Editor"},
        {"id": 5, "parent_id": 4, "lft": 11, "rgt": 12, "title": "Publisher"},
        {"id": 6, "parent_id": 1, "lft": 4, "rgt": 7, "title": "Manager"},
        {"id": 7, "parent_id": 6, "lft": 5, "rgt": 6, "title": "Administrator"},
        {"id": 8, "parent_id": 1, "lft": 16, "rgt": 17, "title": "Super Users"},
        {"id": 9, "parent_id": 1, "lft": 2, "rgt": 3, "title": "Guest"},
    ],
    "viewlevels": [
        {"id": 1, "title": "Public", "ordering": 0, "rules": "[1]"},
        {"id": 2, "title": "Registered", "ordering": 2, "rules": "[6,2,8]"},
        {"id": 3, "title": "Special", "ordering": 3, "rules": "[6,3,8]"},
        {"id": 5, "title": "Guest", "ordering": 1, "rules": "[9]"},
        {"id": 6, "title": "Super Users", "ordering": 4, "rules": "[8]"},
    ],
    "extensions": [
        {
            "name": "com_users", "type": "component", "element": "com_users", "folder": "",
            "client_id": 1, "manifest_cache": "{}", "custom_data": "", "system_data": "",
            "params": json.dumps({"new_usertype": "2", "guest_usergroup": str(GUEST_GROUP)}),
        },
    ],
}  # fmt: skip
PUBLIC, REGISTERED, SPECIAL, GUEST = 1, 2, 3, 5  # Joomla 3's access levels


class K2Database:
    """One scratch K2 database: tables in K2's layout, and helpers to fill them."""

    def __init__(self, name, prefix=PREFIX):
        self.name = name
        self.prefix = prefix
        self.connection = pymysql.connect(**MARIADB, charset="utf8mb4", autocommit=True)
        self.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        self.connection.select_db(name)
        # Strict, so that a missing value fails as it would for K2; zero dates allowed, as
        # Joomla 3 writes them ('0000-00-00 00:00:00').
        self.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
        for statement in SCHEMA.format(p=prefix).split(";"):
            if statement.strip():
                self.execute(statement)
        for table, rows in JOOMLA_ROWS.items():
            self.insert_many(table, rows)

    @property
    def dsn(self):
        return f"mysql://{MARIADB['user']}@{MARIADB['host']}:{MARIADB['port']}/{self.name}"

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.lastrowid

    def insert(self, table, **values):
        """Insert one row as K2 would, every column it writes given; return its id."""
        row = {**ROW_DEFAULTS.get(table, {}), **values}
        columns = ", ".join(f"`{column}`" for column in row)
        marks = ", ".join(["%s"] * len(row))
        return self.execute(
            f"INSERT INTO `{self.prefix}{table}` ({columns}) VALUES ({marks})", list(row.values())
        )

    def insert_many(self, table, rows):
        """Insert many rows (dicts of the same columns) in one statement each batch."""
        rows = [{**ROW_DEFAULTS.get(table, {}), **row} for row in rows]
        if not rows:
            return
        columns = list(rows[0])
        names = ", ".join(f"`{column}`" for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO `{self.prefix}{table}` ({names}) VALUES ({marks})",
                [[row[column] for column in columns] for row in rows],
            )

    def update(self, table, row_id, **values):
        assignments = ", ".join(f"`{column}` = %s" for column in values)
        self.execute(
            f"UPDATE `{self.prefix}{table}` SET {assignments} WHERE id = %s",
            [*values.values(), row_id],
        )

    def drop_table(self, table):
        self.execute(f"DROP TABLE `{self.prefix}{table}`")

    def add_category(self, name, alias, **fields):
        return self.insert("k2_categories", name=name, alias=alias, **fields)

    def add_user(self, user_id, name, description=""):
        self.insert("users", id=user_id, name=name, username=name.lower().replace(" ", ""))
        self.insert("k2_users", userID=user_id, userName=name, description=description)

    def add_item(self, title, catid, *, tags=(), **fields):
        fields.setdefault("created", ROW_DEFAULTS["k2_items"]["created"])
        fields.setdefault("publish_up", fields["created"])
        item_id = self.insert("k2_items", title=title, catid=catid, **fields)
        for name in tags:
            self.tag(item_id, name)
        return item_id

    def tag(self, item_id, name, published=1):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM `{self.prefix}k2_tags` WHERE name = %s", [name])
            row = cursor.fetchone()
        tag_id = row[0] if row else self.insert("k2_tags", name=name, published=published)
        self.insert("k2_tags_xref", tagID=tag_id, itemID=item_id)

    def add_attachment(self, item_id, filename, title="", **fields):
        return self.insert(
            "k2_attachments", itemID=item_id, filename=filename, title=title, **fields
        )

    def add_menu(self, path, category_ids, **fields):
        return self.insert(
            "menu",
            title=path.rsplit("/", 1)[-1],
            alias=path.rsplit("/", 1)[-1],
            path=path,
            link="index.php?option=com_k2&view=itemlist&layout=category",
            params=json.dumps({"categories": [str(n) for n in category_ids]}),
            **fields,
        )

    def drop(self):
        with contextlib.suppress(pymysql.err.MySQLError):
            self.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        self.connection.close()


@contextlib.contextmanager
def k2_database(prefix=PREFIX):
    """A fresh K2 database, dropped afterwards; the test is skipped where MariaDB is not there."""
    try:
        # Refused at once where there is no server; a busy one may answer slowly, and must not
        # be skipped for it.
        pymysql.connect(**MARIADB, connect_timeout=60).close()
    except pymysql.err.MySQLError as error:
        pytest.skip(f"needs MariaDB (or MySQL) on 127.0.0.1:3306 as root: {error.args[-1]}")
    database = K2Database(f"{DATABASE_PREFIX}_{os.getpid()}_{next(_numbers)}", prefix)
    try:
        yield database
    finally:
        database.drop()


@contextlib.contextmanager
def k2_database_for_bench():
    """A scratch K2 database for the benchmark; it stops with a message where MariaDB is not."""
    try:
        pymysql.connect(**MARIADB, connect_timeout=3).close()
    except pymysql.err.MySQLError as error:
        raise SystemExit(
            f"The benchmark needs MariaDB on 127.0.0.1:3306: {error.args[-1]}"
        ) from error
    database = K2Database(f"{DATABASE_PREFIX}_bench_{os.getpid()}_{next(_numbers)}")
    try:
        yield database
    finally:
        database.drop()


def run_import(k2, *args):
    """Run import_k2 on this K2 database as a person would; return what it printed."""
    out = io.StringIO()
    call_command(
        "import_k2", "--dsn", k2.dsn, "--prefix", k2.prefix, *args, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


def imported(item_id):
    """The article a K2 item became."""
    from articles.models import ImportRecord

    return ImportRecord.objects.get(source="k2", key=str(item_id)).article
