"""Reaching the old site's MariaDB or MySQL database: the DSN, its charset, its tables, its rows.

The DSN may name any charset MySQL knows (`?charset=latin1`). Old Joomla sites often kept
UTF-8 text in latin1 tables, and a latin1 connection hands those bytes over as they are stored;
so with any charset but UTF-8 the bytes are taken raw and read as UTF-8 where they are UTF-8,
else in the named charset. No byte can then stop a run halfway.
"""

from urllib.parse import parse_qs, unquote, urlsplit

import pymysql
import pymysql.cursors
from pymysql.charset import charset_by_name

DEFAULT_CHARSET = "utf8mb4"
UTF8 = ("utf8", "utf-8")
RAW = "latin-1"  # maps every byte to one character and back


class SourceError(Exception):
    """The source cannot be read at all: no connection, no such tables."""


class Database:
    """A connection whose text arrives whole, however the DSN's charset was chosen."""

    def __init__(self, connection, codec):
        self.connection = connection
        self.codec = codec
        if codec not in UTF8:
            connection.encoding = RAW  # decode ourselves, row by row

    def all(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return [self.decoded(row) for row in cursor.fetchall()]

    def one(self, sql):
        rows = self.all(sql)
        return rows[0] if rows else None

    def stream(self, sql, setup=()):
        """Yield the rows of `sql` one at a time from a server-side cursor."""
        with self.connection.cursor(pymysql.cursors.SSDictCursor) as cursor:
            for statement in setup:
                cursor.execute(statement)
            cursor.execute(sql)
            for row in cursor:
                yield self.decoded(row)

    def tables(self):
        with self.connection.cursor(pymysql.cursors.Cursor) as cursor:
            cursor.execute("SHOW TABLES")
            return {self._text(name) for (name,) in cursor.fetchall()}

    def close(self):
        self.connection.close()

    def decoded(self, row):
        if self.codec in UTF8:
            return row
        return {key: self._text(value) for key, value in row.items()}

    def _text(self, value):
        if not isinstance(value, str) or self.codec in UTF8:
            return value
        raw = value.encode(RAW)
        for codec in ("utf-8", self.codec):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
        return value  # bytes the charset does not define: kept, one character each


def connect(dsn):
    """Open mysql://user:password@host:port/database[?charset=…]."""
    parts = urlsplit(dsn)
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise SourceError(f"Give the database as mysql://user:password@host/database, not {dsn!r}.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    charset = options.get("charset", DEFAULT_CHARSET)
    known = charset_by_name(charset)
    if known is None:
        raise SourceError(
            f"The DSN asks for the charset {charset!r}, which MySQL does not know; "
            "give ?charset=utf8mb4 (or the charset of the K2 tables, such as latin1)."
        )
    where = f"{parts.hostname or 'localhost'}:{parts.port or 3306}/{parts.path.strip('/')}"
    try:
        connection = pymysql.connect(
            host=parts.hostname or "localhost",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            database=unquote(parts.path.strip("/")),
            charset=charset,
            connect_timeout=10,
            autocommit=True,
            cursorclass=pymysql.cursors.DictCursor,
        )
    except pymysql.err.MySQLError as error:
        reason = error.args[-1]
        raise SourceError(f"Cannot connect to the K2 database at {where}: {reason}") from error
    return Database(connection, known.encoding.lower())
