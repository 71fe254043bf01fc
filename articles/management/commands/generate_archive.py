import time

from django.core.management.base import BaseCommand, CommandError

from articles.demo.archive import (
    Plan,
    analyze_tables,
    generate_archive,
    index_archive,
    wipe_archive,
)
from articles.models import Article, Author, Issue


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic archive for benchmarks (biweekly issues, articles "
        "of about 1,500 words, authors, tags, daily reads). Nothing is done when the archive "
        "already has the sizes asked for; other content is only replaced with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--issues", type=int, default=520, help="biweekly issues (520: 20 years)"
        )
        parser.add_argument("--articles", type=int, default=10000)
        parser.add_argument("--authors", type=int, default=1000)
        parser.add_argument("--words", type=int, default=1500, help="about this many per article")
        parser.add_argument("--seed", type=int, default=2003)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete every article, issue, author and tag in this database first",
        )

    def handle(self, *args, issues, articles, authors, words, seed, replace, **options):
        if min(issues, articles, authors) < 1:
            raise CommandError("--issues, --articles and --authors must each be at least 1.")
        have = (Issue.objects.count(), Article.objects.count(), Author.objects.count())
        if have == (issues, articles, authors):
            index_archive()
            self.stdout.write(
                f"The archive already has {issues} issues, {articles} articles and "
                f"{authors} authors; nothing to do."
            )
            return
        if any(have):
            if not replace:
                raise CommandError(
                    f"This database already holds {have[1]} articles, {have[0]} issues and "
                    f"{have[2]} authors. Pass --replace to delete them and generate the archive."
                )
            wipe_archive()
        started = time.monotonic()
        made = generate_archive(
            Plan(issues=issues, articles=articles, authors=authors, seed=seed, words=words)
        )
        analyze_tables()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {issues} issues, {made} articles and {authors} authors "
                f"in {time.monotonic() - started:.1f}s."
            )
        )
