from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search.index import refresh_entries


class Command(BaseCommand):
    help = (
        "Rebuild every article's search entry (authors' and tags' names, and on PostgreSQL the "
        "weighted vector). Saves keep entries current; run this after loading articles in bulk "
        "(bulk_create, raw SQL, a restored dump) that went around the models."
    )

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        refresh_entries(ids)
        self.stdout.write(f"Rebuilt the search entries of {len(ids)} articles.")
