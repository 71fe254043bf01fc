import os

from django.core.management.base import CommandError

from articles.importer.command import ImportCommand
from articles.importer.k2 import K2Source, SourceError, connect


class Command(ImportCommand):
    help = (
        "Import the articles of a Joomla/K2 site from its database: sections, authors, tags, "
        "issues, read counts, images (--media) and the old addresses. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dsn",
            default=os.environ.get("K2_DSN"),
            help="mysql://user:password@host:port/database of the site "
            "(default: $K2_DSN, which keeps the password out of the process list)",
        )
        parser.add_argument("--prefix", default="jos_", help="Joomla's table prefix (jos_).")
        parser.add_argument(
            "--media", help="The Joomla site's folder (or its media/k2/items/src), for images."
        )
        super().add_arguments(parser)

    def handle(self, *args, **options):
        if not options["dsn"]:
            raise CommandError("Give the K2 database with --dsn mysql://… or in K2_DSN.")
        try:
            source = K2Source(connect(options["dsn"]), options["prefix"], options["media"]).load()
            total, first_year = source.count(), source.first_year()
        except SourceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{total} K2 items to import.")
        try:
            self.import_items(source.items(), total=total, options=options, first_year=first_year)
        except SourceError as error:
            raise CommandError(str(error)) from error
        finally:
            source.database.close()
