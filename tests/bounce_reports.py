"""Reports that come back after a campaign, as real mail servers write them.

The DSNs follow Postfix's (RFC 3464: a notification, the delivery-status part, the original
headers); the complaint follows RFC 5965's example of a feedback-loop report (ARF). Each takes
the return path the campaign message went out from and the reader's address.
"""

ORIGINAL_HEADERS = """\
Return-Path: <{return_path}>
Received: from mail.analyst.example.org (mail.analyst.example.org [192.0.2.10])
\tby mx.example.net (Postfix) with ESMTPS id 3F2A01C0B5
\tfor <{recipient}>; Wed,  2 Dec 2026 12:00:04 +0000 (UTC)
From: The Analyst <editors@analyst.example.org>
To: {recipient}
Subject: The Analyst: the 2 December 2026 issue
Message-ID: <176467680400.1234.5678@mail.analyst.example.org>
List-Id: The Analyst <newsletter.analyst.example.org>
Precedence: bulk
"""

DSN = """\
Return-Path: <>
Delivered-To: {return_path}
Received: by mx.example.net (Postfix) id 3F2A01C0B5; Wed,  2 Dec 2026 12:00:05 +0000 (UTC)
Date: Wed,  2 Dec 2026 12:00:05 +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: {subject}
To: {return_path}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="3F2A01C0B5.1764676805/mx.example.net"
Content-Transfer-Encoding: 8bit
Message-Id: <20261202120005.{queue_id}@mx.example.net>

This is a MIME-encapsulated message.

--3F2A01C0B5.1764676805/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

{notification}

<{recipient}>: host mx.example.org[192.0.2.25] said: {diagnostic}

--3F2A01C0B5.1764676805/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 3F2A01C0B5
X-Postfix-Sender: rfc822; {return_path}
Arrival-Date: Wed,  2 Dec 2026 12:00:04 +0000 (UTC)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; {diagnostic}
{extra}
--3F2A01C0B5.1764676805/mx.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{original_headers}
--3F2A01C0B5.1764676805/mx.example.net--
"""

ARF = """\
From: <staff@hotmail.example>
Date: Thu, 3 Dec 2026 08:14:02 +0000
Subject: complaint about message from 192.0.2.10
To: <{to}>
Message-ID: <arf-{queue_id}@hotmail.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="part1_13d.2e68ed54_boundary"

--part1_13d.2e68ed54_boundary
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP
192.0.2.10 on Wed,  2 Dec 2026 12:00:04 +0000.  For more information
about this format please see http://www.mipassoc.org/arf/.

--part1_13d.2e68ed54_boundary
Content-Type: message/feedback-report

Feedback-Type: {feedback_type}
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <{return_path}>
Original-Rcpt-To: <{recipient}>
Arrival-Date: Wed,  2 Dec 2026 12:00:04 +0000
Reported-Domain: analyst.example.org
Source-IP: 192.0.2.10

--part1_13d.2e68ed54_boundary
Content-Type: message/rfc822
Content-Disposition: inline

{original_headers}
The 2 December 2026 issue is out, with 3 new articles.

--part1_13d.2e68ed54_boundary--
"""

# Exim's own format, without a delivery-status part (flufl.bounce's Exim detector reads it).
EXIM = """\
Return-path: <>
Envelope-to: {return_path}
Delivered-To: {return_path}
From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: {return_path}
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tK0Zz-0004Qm-2b@mx.example.net>
X-Failed-Recipients: {recipient}
Auto-Submitted: auto-replied
Date: Wed, 02 Dec 2026 12:00:05 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {recipient}
    host mx.example.org [192.0.2.25]
    SMTP error from remote mail server after RCPT TO:<{recipient}>:
    550 5.1.1 User unknown

------ This is a copy of the message, including all the headers. ------

{original_headers}
The 2 December 2026 issue is out, with 3 new articles.
"""

KINDS = {
    "hard": {
        "subject": "Undelivered Mail Returned to Sender",
        "notification": "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.",
        "action": "failed",
        "status": "5.1.1",
        "diagnostic": "550 5.1.1 <{recipient}>: Recipient address rejected: User unknown",
        "extra": "",
    },
    "soft": {
        "subject": "Undelivered Mail Returned to Sender",
        "notification": "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. The mail system gave up after 5 days.",
        "action": "failed",
        "status": "4.2.2",
        "diagnostic": "452 4.2.2 <{recipient}>: Mailbox full, quota exceeded",
        "extra": "",
    },
    "delayed": {
        "subject": "Delayed Mail (still being retried)",
        "notification": "####################################################################\n"
        "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
        "####################################################################",
        "action": "delayed",
        "status": "4.4.1",
        "diagnostic": "421 4.4.1 mx.example.org: Connection timed out",
        "extra": "Will-Retry-Until: Wed,  9 Dec 2026 12:00:04 +0000 (UTC)\n",
    },
}


def dsn(kind, return_path, recipient, queue_id="3F2A01C0B5"):
    """A Postfix delivery status notification: `hard`, `soft` or `delayed`, as bytes."""
    fields = {key: value.format(recipient=recipient) for key, value in KINDS[kind].items()}
    original = ORIGINAL_HEADERS.format(return_path=return_path, recipient=recipient)
    text = DSN.format(
        return_path=return_path,
        recipient=recipient,
        queue_id=queue_id,
        original_headers=original,
        **fields,
    )
    return crlf(text)


def complaint(return_path, recipient, to=None, feedback_type="abuse", queue_id="1"):
    """A feedback-loop report (ARF) that a reader marked the message as spam, as bytes."""
    original = ORIGINAL_HEADERS.format(return_path=return_path, recipient=recipient)
    text = ARF.format(
        to=to or return_path,
        return_path=return_path,
        recipient=recipient,
        feedback_type=feedback_type,
        queue_id=queue_id,
        original_headers=original,
    )
    return crlf(text)


def exim_bounce(return_path, recipient):
    """A permanent failure as Exim reports it, without a DSN, as bytes."""
    original = ORIGINAL_HEADERS.format(return_path=return_path, recipient=recipient)
    return crlf(
        EXIM.format(return_path=return_path, recipient=recipient, original_headers=original)
    )


def crlf(text):
    return text.replace("\n", "\r\n").encode()
