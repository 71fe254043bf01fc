"""Create (once) the local administrator account of a development site and print its login."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from analyst.links import absolute_url

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local admin account (development only) and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("local_admin is for development sites (DEBUG on) only.")
        password_file = settings.BASE_DIR / "var" / "local-admin-password"
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or User(username=USERNAME, email="admin@analyst.localhost")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        if not user.check_password(password):
            self.stdout.write(f"Admin: {absolute_url('/admin/')}  user: {USERNAME} (your password)")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {absolute_url('/admin/')}  user: {USERNAME}  password: {password}"
            )
        )
