import contextlib
from pathlib import Path

from django.core.management.base import CommandError

from articles.importer.bylines import parse_dateline
from articles.importer.command import ImportCommand
from articles.importer.item import ItemError
from articles.importer.pages import page_files, page_lines, parse_page, read_page


class Command(ImportCommand):
    help = (
        "Import saved article pages (plain text, as a reader saw them on the old site): "
        "files, or folders of .txt files. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A page file or a folder.")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        missing = [path for path in options["paths"] if not Path(path).exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        files = list(page_files(options["paths"]))
        if not files:
            raise CommandError("No pages (.txt files) found there.")
        self.stdout.write(f"{len(files)} pages to import.")
        self.import_items(
            (self._parse(path) for path in files),
            total=len(files),
            options=options,
            first_year=_first_year(files),
        )

    def _parse(self, path):
        try:
            return parse_page(read_page(path), label=str(path))
        except ItemError as error:
            return error
        except OSError as error:
            return ItemError(str(path), f"cannot be read ({error.strerror})")


def _first_year(files):
    """The earliest year among the pages' datelines, to number volumes from."""
    years = []
    for path in files:
        with contextlib.suppress(OSError):
            first_line = next(iter(page_lines(read_page(path))), "")
            if day := parse_dateline(first_line):
                years.append(day.year)
    return min(years, default=None)
