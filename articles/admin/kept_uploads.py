"""An image chosen on a form that comes back with errors is kept, so it need not be chosen again.

A browser never refills a file input, so the upload is stored aside under `pending/` and the
form carries a signed token naming it; the next post without a new file uses it.
"""

import secrets
from pathlib import PurePath

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage

SALT = "articles.kept-upload"
KEPT_FOR_SECONDS = 24 * 3600


def keep(upload):
    """Store an upload aside and return the token that names it."""
    suffix = PurePath(upload.name).suffix.lower()[:10]
    upload.seek(0)
    path = default_storage.save(f"pending/{secrets.token_hex(12)}{suffix}", upload)
    return signing.dumps({"path": path, "name": PurePath(upload.name).name}, salt=SALT)


def described(token):
    """{"path", "name"} of a kept upload, or None if the token is forged, stale or gone."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEPT_FOR_SECONDS)
    except signing.BadSignature:
        return None
    if not kept["path"].startswith("pending/") or not default_storage.exists(kept["path"]):
        return None
    return kept


def reopen(token):
    """The kept upload as a file to save with the object, or None."""
    kept = described(token)
    if kept is None:
        return None
    return File(default_storage.open(kept["path"]), name=kept["name"])


def discard(token):
    if kept := described(token):
        default_storage.delete(kept["path"])
