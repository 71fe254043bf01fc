"""The import report: a CSV row per item saying what it becomes, for editors to check first.

Written by `--report report.csv`, with `--dry-run` before anything changes or after a real run.
Opens in any spreadsheet (UTF-8 with a byte-order mark, so that Excel reads the accents).
"""

import csv

COLUMNS = {
    "source": "source",
    "key": "id in the source",
    "title": "title",
    "action": "what the run did",
    "becomes": "becomes",
    "why": "why hidden, skipped or failed",
    "state": "state",
    "section": "section",
    "authors": "authors",
    "affiliations": "affiliations",
    "date": "date",
    "date_source": "date from",
    "parts": "parts found",
    "attachments": "attachments",
    "warnings": "warnings",
    "address": "address",
}
LIST_SEPARATOR = "; "


class Report:
    """An open CSV file taking one row per outcome."""

    def __init__(self, path):
        self.file = open(path, "w", newline="", encoding="utf-8-sig")  # noqa: SIM115
        self.writer = csv.DictWriter(self.file, fieldnames=list(COLUMNS))
        self.writer.writerow(COLUMNS)

    def add(self, outcome):
        self.writer.writerow(row_of(outcome))

    def close(self):
        self.file.close()


def row_of(outcome):
    facts = outcome.facts
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {key: _cell(value) for key, value in facts.items() if key in COLUMNS},
        action=outcome.action,
        title=facts.get("title") or outcome.label,
        why=outcome.hidden or (outcome.reason if outcome.action in ("skipped", "failed") else ""),
        warnings=LIST_SEPARATOR.join(outcome.warnings),
        address=outcome.url,
    )
    if "state" in facts:
        row["becomes"] = becomes(facts["state"], outcome.hidden)
    return row


def becomes(state, hidden):
    if hidden:
        return "hidden"
    return "public later" if state == "scheduled" else "public"


def _cell(value):
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(part) for part in value)
    return "" if value is None else str(value)
