"""Subscriber lists in and out of the admin as CSV.

An import carries over subscribers who already confirmed elsewhere (a previous mailing
system): they are subscribed at once, with the editor's statement and the file recorded as
their consent. We never mail confirmation requests to a whole list: unasked bulk email is
what spam filters punish, and the people on it said yes once already. An address that
unsubscribed here stays unsubscribed, whatever the file says.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .addresses import validate_address
from .forms import normalise_email
from .models import Subscriber

EXPORT_FIELDS = [
    "email",
    "status",
    "created_at",
    "confirmed_at",
    "unsubscribed_at",
    "consent_at",
    "consent_source",
]


@dataclass
class ImportReport:
    added: int = 0
    confirmed: int = 0
    unchanged: int = 0
    kept_unsubscribed: int = 0
    invalid: list = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.added} added, {self.confirmed} pending addresses confirmed, "
            f"{self.unchanged} already subscribed, "
            f"{self.kept_unsubscribed} left unsubscribed (they had asked to leave)"
        )
        if self.invalid:
            shown = "; ".join(
                f"line {line}: {value!r} ({reason})" for line, value, reason in self.invalid[:10]
            )
            more = f" and {len(self.invalid) - 10} more" if len(self.invalid) > 10 else ""
            text += f"; {len(self.invalid)} not valid addresses skipped ({shown}{more})"
        return text


def read_addresses(uploaded):
    """Yield (line number, address) from a CSV with an "email" column, or one address a row."""
    text = io.TextIOWrapper(uploaded, encoding="utf-8-sig", errors="replace", newline="")
    rows = csv.reader(text)
    header = next(rows, None)
    if header is None:
        return
    lowered = [name.strip().lower() for name in header]
    column = lowered.index("email") if "email" in lowered else 0
    if "email" not in lowered and header:
        yield 1, header[column]
    for line, row in enumerate(rows, start=2):
        if len(row) > column and row[column].strip():
            yield line, row[column]


def import_subscribers(uploaded, source, by):
    """Subscribe every valid address of the file whose consent the editor vouched for."""
    report = ImportReport()
    consent = f"Imported by {by} from {source}"
    for line, raw in read_addresses(uploaded):
        email = normalise_email(raw)
        try:
            validate_address(email)
        except ValidationError as error:
            report.invalid.append((line, raw, " ".join(error.messages)))
            continue
        import_one(email, consent, report)
    return report


def import_one(email, consent, report):
    with transaction.atomic():
        subscriber = Subscriber.objects.with_email(email).select_for_update().first()
        if subscriber is None:
            subscriber = Subscriber(email=email)
            subscriber.record_consent("import", consent)
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save()
            subscriber.log("imported", consent[:300])
            report.added += 1
        elif subscriber.status == Subscriber.Status.PENDING:
            subscriber.record_consent("import", consent)
            subscriber.save()
            subscriber.confirm()
            report.confirmed += 1
        elif subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            report.kept_unsubscribed += 1
        else:
            report.unchanged += 1


def export_rows(subscribers):
    """The CSV lines for these subscribers, header first, read from the database in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    yield _drain(buffer)
    for values in subscribers.order_by("pk").values_list(*EXPORT_FIELDS).iterator(2000):
        writer.writerow(["" if value is None else spreadsheet_cell(value) for value in values])
        yield _drain(buffer)


def spreadsheet_cell(value):
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    # A leading =, +, - or @ makes spreadsheets run the cell as a formula.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _drain(buffer):
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value
