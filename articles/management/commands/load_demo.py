from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo publication (issues, articles, authors…); what exists already is kept."

    def handle(self, *args, **options):
        created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {created} articles."))
        else:
            self.stdout.write("Demo content already there; nothing changed.")
