"""What both import commands share: their options, their report and how they end."""

from django.core.management.base import BaseCommand, CommandError

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

    def import_items(self, entries, *, total, options, first_year=None):
        writer = Writer(
            dry_run=options["dry_run"],
            overwrite_edits=options["overwrite_edits"],
            first_year=first_year,
        )
        summary = run_import(
            entries,
            total=total,
            writer=writer,
            report=self.report,
            # The bare stream: Django's wrapper would colour the bar and end each draw in a newline.
            progress_stream=getattr(self.stderr, "_out", self.stderr),
            verbosity=options["verbosity"],
        )
        self.finish(summary, options["dry_run"])

    def report(self, line, action):
        style = {"failed": self.style.ERROR, "skipped": self.style.WARNING}.get(action)
        self.stdout.write(style(line) if style else line)

    def finish(self, summary, dry_run):
        prefix = "Dry run, nothing changed: " if dry_run else "Imported "
        self.stdout.write(self.style.SUCCESS(prefix + summary.line()))
        if summary.failed:
            raise CommandError(
                f"{summary.failed} of {summary.total} items could not be imported (listed above); "
                "nothing of them was kept, and the others were imported."
            )
