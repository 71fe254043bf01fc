"""What both import commands share: their options, their report and how they end."""

from django.core.management.base import BaseCommand, CommandError

from ..models import ImportRecord
from .report import Report
from .run import run_import
from .writer import Writer


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Go through every item and report what would happen, changing nothing.",
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Update articles edited on this site since they were imported (otherwise kept).",
        )
        parser.add_argument(
            "--report",
            metavar="FILE.csv",
            help="Write a CSV row per item: what it becomes (public or hidden, and why), its "
            "section, authors, date and where the date came from, parts, attachments, warnings.",
        )

    def import_items(self, entries, *, total, options, first_year=None):
        writer = Writer(
            dry_run=options["dry_run"],
            overwrite_edits=options["overwrite_edits"],
            first_year=first_year,
        )
        report = self.open_report(options["report"])
        try:
            summary = run_import(
                entries,
                total=total,
                writer=writer,
                report=self.report,
                # The bare stream: Django's wrapper would colour the bar and end each draw in a
                # newline.
                progress_stream=getattr(self.stderr, "_out", self.stderr),
                verbosity=options["verbosity"],
                keep=report.add if report else None,
            )
        finally:
            if report:
                report.close()
        if report:
            self.stdout.write(f"The report is in {options['report']}.")
        self.finish(summary, options["dry_run"])

    def open_report(self, path):
        if not path:
            return None
        try:
            return Report(path)
        except OSError as error:
            raise CommandError(f"Cannot write the report to {path}: {error.strerror}.") from error

    def report(self, line, action):
        style = {"failed": self.style.ERROR, "skipped": self.style.WARNING}.get(action)
        self.stdout.write(style(line) if style else line)

    def finish(self, summary, dry_run):
        prefix = "Dry run, nothing changed: " if dry_run else "Imported "
        self.stdout.write(self.style.SUCCESS(prefix + summary.line()))
        if not dry_run and (waiting := ImportRecord.objects.to_check().count()):
            self.stdout.write(
                f"{waiting} imported article{'s' if waiting != 1 else ''} with warnings to check: "
                "in the admin, Import records, review “To check”."
            )
        if summary.failed:
            raise CommandError(
                f"{summary.failed} of {summary.total} items could not be imported (listed above); "
                "nothing of them was kept, and the others were imported."
            )
