"""A Joomla/K2 database for tests, built in the MariaDB server on this machine, in K2's layout."""

import contextlib
import itertools
import json
import os

import pymysql
import pytest

MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
PREFIX = "jos_"
# Scratch databases are named after this, so that test runs sharing a server keep apart.
DATABASE_PREFIX = os.environ.get("K2_TEST_DATABASE_PREFIX", "analyst_k2_test")
_numbers = itertools.count(1)

SCHEMA = """
CREATE TABLE `{p}k2_categories` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(255) NOT NULL, `alias` varchar(255) NOT NULL,
  `description` text NOT NULL DEFAULT '', `parent` int(11) DEFAULT 0,
  `extraFieldsGroup` int(11) NOT NULL DEFAULT 0, `published` smallint(6) NOT NULL DEFAULT 1,
  `access` int(11) NOT NULL DEFAULT 1, `ordering` int(11) NOT NULL DEFAULT 0,
  `image` varchar(255) NOT NULL DEFAULT '', `params` text NOT NULL DEFAULT '',
  `trash` smallint(6) NOT NULL DEFAULT 0, `plugins` text NOT NULL DEFAULT '',
  `language` char(7) NOT NULL DEFAULT '*', PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}k2_items` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `title` varchar(255) NOT NULL,
  `alias` varchar(255) DEFAULT NULL, `catid` int(11) NOT NULL,
  `published` smallint(6) NOT NULL DEFAULT 0, `introtext` mediumtext NOT NULL DEFAULT '',
  `fulltext` mediumtext NOT NULL DEFAULT '', `video` text, `gallery` varchar(255) DEFAULT NULL,
  `extra_fields` text NOT NULL DEFAULT '', `extra_fields_search` text NOT NULL DEFAULT '',
  `created` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `created_by` int(11) NOT NULL DEFAULT 0, `created_by_alias` varchar(255) NOT NULL DEFAULT '',
  `checked_out` int(10) unsigned NOT NULL DEFAULT 0,
  `checked_out_time` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `modified` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `modified_by` int(11) NOT NULL DEFAULT 0,
  `publish_up` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `publish_down` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `trash` smallint(6) NOT NULL DEFAULT 0, `access` int(11) NOT NULL DEFAULT 1,
  `ordering` int(11) NOT NULL DEFAULT 0, `featured` smallint(6) NOT NULL DEFAULT 0,
  `featured_ordering` int(11) NOT NULL DEFAULT 0, `image_caption` text NOT NULL DEFAULT '',
  `image_credits` varchar(255) NOT NULL DEFAULT '', `video_caption` text NOT NULL DEFAULT '',
  `video_credits` varchar(255) NOT NULL DEFAULT '', `hits` int(10) unsigned NOT NULL DEFAULT 0,
  `params` text NOT NULL DEFAULT '', `metadesc` text NOT NULL DEFAULT '',
  `metadata` text NOT NULL DEFAULT '', `metakey` text NOT NULL DEFAULT '',
  `plugins` text NOT NULL DEFAULT '', `language` char(7) NOT NULL DEFAULT '*',
  PRIMARY KEY (`id`), KEY `item` (`published`,`publish_up`,`publish_down`,`trash`,`access`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}k2_users` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT, `userID` int(11) NOT NULL,
  `userName` varchar(255) DEFAULT NULL, `gender` enum('m','f') NOT NULL DEFAULT 'm',
  `description` text NOT NULL DEFAULT '', `image` varchar(255) DEFAULT NULL,
  `url` varchar(255) DEFAULT NULL, `group` int(11) NOT NULL DEFAULT 0,
  `plugins` text NOT NULL DEFAULT '',
  `ip` varchar(15) NOT NULL DEFAULT '', `hostname` varchar(255) NOT NULL DEFAULT '',
  `notes` text NOT NULL DEFAULT '', PRIMARY KEY (`id`), UNIQUE KEY `userID` (`userID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}k2_tags` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(255) NOT NULL,
  `published` smallint(6) NOT NULL DEFAULT 1, PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}k2_tags_xref` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `tagID` int(11) NOT NULL, `itemID` int(11) NOT NULL,
  PRIMARY KEY (`id`), KEY `tagID` (`tagID`), KEY `itemID` (`itemID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}users` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(400) NOT NULL DEFAULT '',
  `username` varchar(150) NOT NULL DEFAULT '', `email` varchar(100) NOT NULL DEFAULT '',
  `block` tinyint(4) NOT NULL DEFAULT 0, PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `{p}menu` (
  `id` int(11) NOT NULL AUTO_INCREMENT, `menutype` varchar(24) NOT NULL DEFAULT 'mainmenu',
  `title` varchar(255) NOT NULL, `alias` varchar(400) NOT NULL, `path` varchar(1024) NOT NULL,
  `link` varchar(1024) NOT NULL, `type` varchar(16) NOT NULL DEFAULT 'component',
  `published` tinyint(4) NOT NULL DEFAULT 1, `parent_id` int(10) unsigned NOT NULL DEFAULT 1,
  `level` int(10) unsigned NOT NULL DEFAULT 1, `component_id` int(10) unsigned NOT NULL DEFAULT 0,
  `params` text NOT NULL DEFAULT '', `language` char(7) NOT NULL DEFAULT '*', PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""


class K2Database:
    """One scratch K2 database: tables in K2's layout, and helpers to fill them."""

    def __init__(self, name, prefix=PREFIX):
        self.name = name
        self.prefix = prefix
        self.connection = pymysql.connect(**MARIADB, charset="utf8mb4", autocommit=True)
        self.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        self.connection.select_db(name)
        # Joomla 3 writes zero dates ('0000-00-00 00:00:00'); let the test do so too.
        self.execute("SET SESSION sql_mode = ''")
        for statement in SCHEMA.format(p=prefix).split(";"):
            if statement.strip():
                self.execute(statement)

    @property
    def dsn(self):
        return f"mysql://{MARIADB['user']}@{MARIADB['host']}:{MARIADB['port']}/{self.name}"

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.lastrowid

    def insert(self, table, **values):
        columns = ", ".join(f"`{column}`" for column in values)
        marks = ", ".join(["%s"] * len(values))
        return self.execute(
            f"INSERT INTO `{self.prefix}{table}` ({columns}) VALUES ({marks})",
            list(values.values()),
        )

    def update(self, table, row_id, **values):
        assignments = ", ".join(f"`{column}` = %s" for column in values)
        self.execute(
            f"UPDATE `{self.prefix}{table}` SET {assignments} WHERE id = %s",
            [*values.values(), row_id],
        )

    def add_category(self, name, alias, **fields):
        return self.insert("k2_categories", name=name, alias=alias, **fields)

    def add_user(self, user_id, name, description=""):
        self.insert("users", id=user_id, name=name, username=name.lower().replace(" ", ""))
        self.insert("k2_users", userID=user_id, userName=name, description=description)

    def add_item(self, title, catid, *, tags=(), **fields):
        fields.setdefault("published", 1)
        fields.setdefault("created", "2003-07-16 08:00:00")
        fields.setdefault("publish_up", fields["created"])
        item_id = self.insert("k2_items", title=title, catid=catid, **fields)
        for name in tags:
            self.tag(item_id, name)
        return item_id

    def tag(self, item_id, name):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM `{self.prefix}k2_tags` WHERE name = %s", [name])
            row = cursor.fetchone()
        tag_id = row[0] if row else self.insert("k2_tags", name=name)
        self.insert("k2_tags_xref", tagID=tag_id, itemID=item_id)

    def add_menu(self, path, category_ids):
        self.insert(
            "menu",
            title=path.rsplit("/", 1)[-1],
            alias=path.rsplit("/", 1)[-1],
            path=path,
            link="index.php?option=com_k2&view=itemlist&layout=category",
            params=json.dumps({"categories": [str(n) for n in category_ids]}),
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
    database = K2Database(f"analyst_k2_bench_{os.getpid()}_{next(_numbers)}")
    try:
        yield database
    finally:
        database.drop()
