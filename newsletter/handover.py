"""Handing one message to the mail server, with its "sent" record made as its end goes out.

A mail server takes a message when it reads the line that ends it (the lone "."), whether or
not the sender is still there to read its answer. So the moment that decides whether a reader
gets the message is the sending of that line, and that is where the delivery is recorded as
sent: everything else of the message is sent first, then the record, then the end.

On PostgreSQL the record's UPDATE is written to the database connection without waiting for
its answer, and the end line goes to the mail server straight after; both answers are read
afterwards. A worker killed before that point has sent neither (the server drops a message
whose end never came, and the row is still claimed, so it is sent again, once); killed after
it, both have gone (the server has the message, and PostgreSQL commits a statement it has
received even if the client dies). Only a kill in the few microseconds between the two writes
could leave one reader without the issue. Other databases record it just before the end line.

If the server then refuses the message, or the connection drops before it answers, the
record is corrected by the caller. Mailers that are not SMTP (the console, memory, files)
send first and record afterwards.
"""

import email.policy
import re
import smtplib
import socket

import psycopg
from django.db import DatabaseError, connection
from django.utils import timezone
from psycopg import pq

from .models import Delivery

_LEADING_DOT = re.compile(rb"(?m)^\.")


class SentMark:
    """The UPDATE that records one claimed delivery as sent."""

    def __init__(self, delivery_id, worker_id):
        self.delivery_id = delivery_id
        self.worker_id = worker_id
        self.rows = None  # rows the UPDATE changed, once known
        self.error = None  # the DatabaseError that kept us from knowing
        self._in_flight = False

    def write(self):
        """Record it; on PostgreSQL, send the statement without waiting for the answer."""
        if connection.vendor != "postgresql":
            self.rows = self._claimed().update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
            )
            return
        connection.ensure_connection()
        with connection.wrap_database_errors:
            pgconn = connection.connection.pgconn
            pgconn.send_query_params(_sent_statement(), self._parameters())
        self._in_flight = True

    def wait(self):
        """Read the database's answer; a lost connection is kept in `error`, not raised."""
        if not self._in_flight:
            return
        self._in_flight = False
        try:
            with connection.wrap_database_errors:
                self.rows = _read_row_count(connection.connection.pgconn)
        except DatabaseError as error:
            self.error = error

    @property
    def recorded(self):
        return self.rows == 1 and self.error is None

    def _claimed(self):
        return Delivery.objects.filter(
            pk=self.delivery_id, claimed_by=self.worker_id, status=Delivery.Status.SENDING
        )

    def _parameters(self):
        return [
            Delivery.Status.SENT.encode(),
            timezone.now().isoformat().encode(),
            str(self.delivery_id).encode(),
            self.worker_id.encode(),
            Delivery.Status.SENDING.encode(),
        ]


def _sent_statement():
    quote = connection.ops.quote_name

    def column(name):
        return quote(Delivery._meta.get_field(name).column)

    return (
        f"UPDATE {quote(Delivery._meta.db_table)} SET {column('status')} = $1, "
        f"{column('sent_at')} = $2::timestamptz, {column('error')} = '' "
        f"WHERE {column('id')} = $3::bigint AND {column('claimed_by')} = $4 "
        f"AND {column('status')} = $5"
    ).encode()


def _read_row_count(pgconn):
    rows, failure = None, None
    while (result := pgconn.get_result()) is not None:
        if result.status == pq.ExecStatus.COMMAND_OK:
            rows = int(result.command_tuples or 0)
        else:
            failure = result.error_message.decode("utf-8", "replace")
    if rows is None:
        raise psycopg.OperationalError(failure or "the connection was lost before the answer")
    return rows


def hand_over(mailer, message, mark, before_the_end, content=None):
    """Send one message; `mark` is written as its end goes out, after `before_the_end()`.

    `content`, when given, is the message already encoded for the server (see prepared).
    """
    smtp = getattr(mailer, "connection", None)
    if not isinstance(smtp, smtplib.SMTP):
        mailer.send_messages([message])
        mark.write()
        mark.wait()
        return
    content = content or message.message(policy=email.policy.SMTP).as_bytes()
    sender = mailer.prep_address(message.from_email)
    recipients = [mailer.prep_address(address) for address in message.recipients()]
    start_data(mailer, sender, recipients, len(content))
    send_at_once(smtp)
    try:
        smtp.send(_without_end(content))
        before_the_end()
        mark.write()
    except BaseException:
        mailer.close()  # the server drops a message whose end never came
        raise
    try:
        smtp.send(b".\r\n")
        code, reply = smtp.getreply()
    finally:
        mark.wait()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def send_at_once(smtp):
    """Have each write leave at once. The end line is a second small write after the message:
    Nagle's algorithm would hold it until the server acknowledges the message, which a server
    delays (40 ms on Linux), many times what the whole exchange takes otherwise."""
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def start_data(mailer, sender, recipients, size):
    """MAIL, RCPT and DATA, as smtplib's sendmail says them, up to the message itself."""
    smtp = mailer.connection
    smtp.ehlo_or_helo_if_needed()
    options = [f"SIZE={size}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        _abandon(mailer, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
    if len(refused) == len(recipients):
        _abandon(mailer, code)
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = smtp.docmd("data")
    if code != 354:
        _abandon(mailer, code)
        raise smtplib.SMTPDataError(code, reply)


def _abandon(mailer, code):
    """End the transaction the server refused; a 421 means it is closing the connection."""
    if code == 421:
        mailer.close()
        return
    try:
        mailer.connection.rset()
    except smtplib.SMTPServerDisconnected:
        mailer.close()


def _without_end(content):
    """The message with its dots escaped and its last line ended, without the final "."."""
    quoted = _LEADING_DOT.sub(b"..", content)
    return quoted if quoted.endswith(b"\r\n") else quoted + b"\r\n"
