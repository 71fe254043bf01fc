"""Settings for Analyst, read from the environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-secret-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Behind a reverse proxy, clients are told apart by the address it appends to X-Forwarded-For.
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "analyst",
    "articles",
    "newsletter",
    "django_prose_editor",
    "analyst.apps.AnalystAdminConfig",
    "analyst.third_party_apps.BackgroundTasksConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "analyst.third_party_apps.TwoFactorDevicesConfig",
    "analyst.third_party_apps.SignInAttemptsConfig",
    "simple_history",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "analyst.bad_requests.RefuseUnusableRequestsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "analyst.security.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "analyst.middleware.DatabaseUnavailableMiddleware",
    "articles.site.redirects.LegacyRedirectMiddleware",
]

ROOT_URLCONF = "analyst.urls"
WSGI_APPLICATION = "analyst.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.site.context.site",
            ],
        },
    },
    # Email subjects and text parts: plain text, never HTML-escaped (analyst/plaintext.py).
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# Databases: SQLite by default (WAL, immediate transactions), any DATABASE_URL otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env.str("CACHE_URL", default="locmemcache://analyst")
CACHES = {
    "default": env.cache_url_config(
        _cache_url,
        backend=(
            "django.core.cache.backends.redis.RedisCache"
            if _cache_url.startswith(("redis://", "rediss://"))
            else None
        ),
    ),
}
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="analyst"))
# Public pages are kept this long for anonymous readers (0: not at all); any edit ends it sooner.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Rendered page pieces (masthead, sidebar, an article's text) kept in each process (0: not at all).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=3600)
FRAGMENT_CACHE_ENTRIES = env.int("FRAGMENT_CACHE_ENTRIES", default=2000)
# The most memory the kept pieces whose size is known (HTML, feeds, sitemaps) may take together.
FRAGMENT_CACHE_MB = env.int("FRAGMENT_CACHE_MB", default=64)
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=500)
# What the page cache may hold: pages of each process's own store together, and any one page.
PAGE_CACHE_LOCAL_MB = env.int("PAGE_CACHE_LOCAL_MB", default=64)
PAGE_CACHE_PAGE_MAX_KB = env.int("PAGE_CACHE_PAGE_MAX_KB", default=2048)
# How long a process reuses the content version it read: other processes see an edit this late.
CONTENT_VERSION_SECONDS = env.float("CONTENT_VERSION_SECONDS", default=1.0)

# Email: one default mailer from EMAIL_URL (console on a laptop, so links show in the terminal).
_email = env.email_url_config(env.str("EMAIL_URL", default="consolemail://"))
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key: value
            for key, value in {
                "host": _email.get("EMAIL_HOST"),
                "port": _email.get("EMAIL_PORT"),
                "username": _email.get("EMAIL_HOST_USER") or None,
                "password": _email.get("EMAIL_HOST_PASSWORD") or None,
                "use_tls": _email.get("EMAIL_USE_TLS"),
                "use_ssl": _email.get("EMAIL_USE_SSL"),
                "timeout": 30 if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else None,
            }.items()
            if value is not None
        },
    },
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Analyst <editors@analyst.localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin sign-in: five wrong passwords for one username from one address lock that pair out.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address by the site's one rule (behind the proxy, the entry it appended), as every limit.
AXES_CLIENT_IP_CALLABLE = "analyst.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Staff who add an authenticator in the admin must give its code at every sign-in; with this on,
# every staff member must, and one without an authenticator sets one up at the next sign-in.
# (ADMIN_REQUIRE_TWO_FACTOR is its older name.)
REQUIRE_2FA_FOR_STAFF = env.bool(
    "REQUIRE_2FA_FOR_STAFF", default=env.bool("ADMIN_REQUIRE_TWO_FACTOR", default=False)
)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Analyst")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
# One way of writing dates and times across the site and the admin (analyst/formats/en/).
FORMAT_MODULE_PATH = ["analyst.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Uploaded files served by Django itself: for a laptop or a single small server only.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Uploaded images with more pixels (all frames counted) are refused before they are decoded:
# decoding takes about 4 bytes a pixel, twice over while it is turned upright.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=25_000_000)
STORAGES = {
    "default": {"BACKEND": "analyst.storage.CleanImageStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Media on object storage (S3 or compatible) instead of MEDIA_ROOT: `pip install .[s3]` and set
# the bucket; credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance role.
if AWS_STORAGE_BUCKET_NAME := env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "analyst.storage_s3.CleanImageS3Storage",
        "OPTIONS": {
            key: value
            for key, value in {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "region_name": env.str("AWS_S3_REGION_NAME", default=""),
                "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=""),
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=""),
                "location": env.str("AWS_LOCATION", default=""),
                "file_overwrite": False,
                "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            }.items()
            if value != ""
        },
    }
# Uploads above this are written to disk, not held in memory; images are checked on their own.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files attached to articles (PDF editions, papers) may be this large.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_MB", default=50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security headers. The public pages carry no inline script, so the policy needs no nonce there.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "https:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
        "payment", "usb", "browsing-topics",
    )
}  # fmt: skip
# Load balancers probe app servers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The read counter: a reader counts once per article within this window, and one network
# address (a whole university behind one, say) adds at most this many reads to one article an hour.
READ_DEDUPE_SECONDS = 30 * 60
READS_PER_ADDRESS_PER_HOUR = env.int("READS_PER_ADDRESS_PER_HOUR", default=30)

# Background work: Django's tasks framework, run by `manage.py db_worker` (django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The newsletter (see README, "Newsletter").
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str(
    "NEWSLETTER_UNSUBSCRIBE_MAILTO", default="unsubscribe@analyst.localhost"
)
# Bounces and complaints (see README, "Bounces and complaints"): each campaign message's envelope
# sender is NEWSLETTER_BOUNCE_LOCAL_PART+<signed delivery>@NEWSLETTER_BOUNCE_DOMAIN.
NEWSLETTER_BOUNCE_LOCAL_PART = env.str("NEWSLETTER_BOUNCE_LOCAL_PART", default="bounces")
NEWSLETTER_BOUNCE_DOMAIN = env.str(
    "NEWSLETTER_BOUNCE_DOMAIN",
    default=NEWSLETTER_FROM_EMAIL.rpartition("@")[2].strip(" >") or "analyst.localhost",
)
# The sender part of the Feedback-ID header, which feedback loops (Gmail's) report by.
NEWSLETTER_FEEDBACK_ID = env.str("NEWSLETTER_FEEDBACK_ID", default="analyst")
# A subscriber whose last N campaigns all bounced for a temporary reason is suspended.
NEWSLETTER_SOFT_BOUNCE_LIMIT = env.int("NEWSLETTER_SOFT_BOUNCE_LIMIT", default=3)
# The mailbox `manage.py fetch_bounces` reads: imaps://user:password@host[:port]/FOLDER.
NEWSLETTER_BOUNCE_IMAP_URL = env.str("NEWSLETTER_BOUNCE_IMAP_URL", default="")
# Count clicks on campaign links through signed redirects (off: links go straight to the site).
NEWSLETTER_CLICK_TRACKING = env.bool("NEWSLETTER_CLICK_TRACKING", default=False)
# Benchmarks only (make bench): route the trivial /bench/hello/ page every page is compared with.
BENCH_HELLO = env.bool("BENCH_HELLO", default=False)
