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
            "--dsn", required=True, help="mysql://user:password@host:port/database of the site"
        )
        parser.add_argument("--prefix", default="jos_", help="Joomla's table prefix (jos_).")
        parser.add_argument(
            "--media", help="The Joomla site's folder (or its media/k2/items/src), for images."
        )
        super().add_arguments(parser)

    def handle(self, *args, **options):
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
            source.connection.close()
