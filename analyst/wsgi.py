"""WSGI entry point: `gunicorn analyst.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")

application = get_wsgi_application()
