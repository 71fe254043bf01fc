"""The settings production computes from deploy/analyst.env.example, for tests of what it enforces.

analyst/settings.py is run again with that file's environment, and the settings that decide how
requests are judged (debug, the proxy, sign-in, two-factor, limits) are taken from the result;
the database, cache, mail, storage and secret stay the test run's own.
"""

import os
import runpy
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "deploy" / "analyst.env.example"
# What production serves from; requests in these tests come through its proxy.
HOST = "analyst.example.org"
PROXY_ADDRESS = "10.0.0.2"
TAKEN = (
    "DEBUG", "ALLOWED_HOSTS", "TRUST_X_FORWARDED_FOR", "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
)  # fmt: skip
TAKEN_PREFIXES = ("AXES_", "REQUIRE_2FA", "READS_PER_", "PAGE_CACHE_")


def example_environment():
    """The variables deploy/analyst.env.example sets."""
    environment = {}
    for line in EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            environment[name] = value
    return environment


def production_values():
    with mock.patch.dict(os.environ, example_environment()):
        computed = runpy.run_path(str(ROOT / "analyst" / "settings.py"))
    return {
        name: value
        for name, value in computed.items()
        if name in TAKEN or name.startswith(TAKEN_PREFIXES)
    }


def use_production_settings(settings):
    """Judge requests as production does (pytest-django's `settings` puts them back after)."""
    for name, value in production_values().items():
        setattr(settings, name, value)


def through_the_proxy(client_address, forged=None):
    """Headers of a request that reached our proxy from `client_address`.

    The proxy appends the address it saw to whatever X-Forwarded-For the client sent (`forged`),
    and tells the application the request came over TLS.
    """
    chain = f"{forged}, {client_address}" if forged else client_address
    return {
        "REMOTE_ADDR": PROXY_ADDRESS,
        "HTTP_X_FORWARDED_FOR": chain,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_HOST": HOST,
    }
