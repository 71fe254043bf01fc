"""The two ways reports reach us: an SMTP server for the bounce address, and a mailbox we poll.

The SMTP server (aiosmtpd) takes mail for the bounce address only — with or without a
delivery's token — and refuses every other recipient, so it can never relay. It takes at
most 1 MB per message (announced with SIZE) and answers 250 to everything it takes, usable
or not: a report bounced back would only come back again. While the database is away it
answers 451, so that the mail server tries again later. The mailbox poller (imaplib) reads the
unread messages of one folder, hands each to `inbound.receive`, and marks it read (or deletes
it) once it is recorded; a message over 1 MB is marked read without being downloaded.
"""

import asyncio
import imaplib
import logging
import re
import ssl
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from aiosmtpd.controller import Controller
from django.db import DatabaseError, close_old_connections, connection

from . import bounces, inbound, returnpath

logger = logging.getLogger(__name__)


class BounceHandler:
    """aiosmtpd's handler: take mail for the bounce address and act on it.

    Reports are recorded one at a time in one thread of its own, which keeps its database
    connection from one report to the next (as a web worker does, CONN_MAX_AGE).
    """

    def __init__(self):
        self.recorder = ThreadPoolExecutor(1, thread_name_prefix="bounce-recorder")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not returnpath.is_bounce_address(address):
            logger.warning(
                "Refused mail for %s from %s: not the bounce address", address, session.peer
            )
            return "550 5.7.1 Relaying denied: this server takes only bounces"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        loop = asyncio.get_running_loop()
        recipients = list(envelope.rcpt_tos)
        try:
            outcome = await loop.run_in_executor(
                self.recorder, _receive, envelope.content, recipients
            )
        except DatabaseError as error:
            logger.warning("Deferred a report until the database answers: %s", error)
            return "451 4.3.0 Cannot record it now, try again later"
        return f"250 2.0.0 Received, {outcome.detail}"[:500]

    def close(self):
        self.recorder.submit(_close_connection).result()
        self.recorder.shutdown()


def _receive(raw, recipients):
    close_old_connections()  # a connection broken or past its age is replaced first
    try:
        return inbound.receive(raw, recipients, via="smtp")
    finally:
        close_old_connections()


def _close_connection():
    connection.close()  # the recorder thread's own connection, looked up in that thread


class BounceServer(Controller):
    """The inbound server, in a thread of its own; `stop()` also lets go of the database."""

    def stop(self, *args, **kwargs):
        super().stop(*args, **kwargs)
        self.handler.close()


def smtp_server(host, port):
    """The inbound server, ready to `start()`."""
    return BounceServer(
        BounceHandler(),
        hostname=host,
        port=port,
        data_size_limit=bounces.MAX_SIZE,
        ready_timeout=60,
    )


def parse_listen(value):
    """'127.0.0.1:2525' → ('127.0.0.1', 2525); '[::1]:2525' works too."""
    match = re.fullmatch(r"\[?([^\]]+?)\]?:(\d{1,5})", value.strip())
    if match is None or not 0 < int(match[2]) < 65536:
        raise ValueError(f"not a host:port to listen on: {value!r}")
    return match[1], int(match[2])


@dataclass
class Mailbox:
    """Where fetch_bounces reads: imaps://user:password@host[:port]/folder (imap:// for plain)."""

    host: str
    port: int
    user: str
    password: str
    folder: str
    secure: bool

    @classmethod
    def from_url(cls, url):
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
            raise ValueError("the mailbox must be imaps://user:password@host[:port]/folder")
        secure = parts.scheme == "imaps"
        return cls(
            host=parts.hostname,
            port=parts.port or (993 if secure else 143),
            user=unquote(parts.username),
            password=unquote(parts.password or ""),
            folder=unquote(parts.path.lstrip("/")) or "INBOX",
            secure=secure,
        )

    def connect(self, timeout=60):
        if self.secure:
            client = imaplib.IMAP4_SSL(self.host, self.port, timeout=timeout)
        else:
            client = imaplib.IMAP4(self.host, self.port, timeout=timeout)
            if "STARTTLS" in client.capabilities:
                client.starttls(ssl.create_default_context())
        client.login(self.user, self.password)
        return client


@dataclass
class Fetched:
    read: int = 0
    accepted: int = 0
    ignored: int = 0


def fetch(mailbox, delete=False):
    """Act on every unread message of the mailbox's folder; how many were read and used."""
    fetched = Fetched()
    client = mailbox.connect()
    try:
        _check(client.select(_quoted(mailbox.folder)), f"open the folder {mailbox.folder}")
        for uid in _unread(client):
            outcome = _fetch_one(client, uid)
            fetched.read += 1
            if outcome.accepted:
                fetched.accepted += 1
            else:
                fetched.ignored += 1
            _check(client.uid("STORE", uid, "+FLAGS", _flags(delete)), "mark a message")
        if delete:
            client.expunge()
    finally:
        with suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    return fetched


def _fetch_one(client, uid):
    size = _size(client, uid)
    if size > bounces.MAX_SIZE:
        detail = f"ignored: over {bounces.MAX_SIZE // 1024} KB ({size} bytes), not downloaded"
        logger.warning("Via imap, message %s: %s", uid.decode(), detail)
        return inbound.Outcome(False, detail)
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    _check((status, data), "download a message")
    raw = next(item[1] for item in data if isinstance(item, tuple))
    return inbound.receive(raw, via="imap")


def _unread(client):
    status, data = client.uid("SEARCH", None, "UNSEEN")
    _check((status, data), "list the unread messages")
    return data[0].split() if data and data[0] else []


def _size(client, uid):
    status, data = client.uid("FETCH", uid, "(RFC822.SIZE)")
    _check((status, data), "read a message's size")
    match = re.search(rb"RFC822\.SIZE (\d+)", b" ".join(_flatten(data)))
    return int(match[1]) if match else 0


def _flatten(data):
    for item in data:
        if isinstance(item, tuple):
            yield from (part for part in item if isinstance(part, bytes))
        elif isinstance(item, bytes):
            yield item


def _flags(delete):
    return r"(\Seen \Deleted)" if delete else r"(\Seen)"


def _quoted(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(answer, doing):
    status, data = answer
    if status != "OK":
        raise imaplib.IMAP4.error(f"could not {doing}: {status} {data!r}")
