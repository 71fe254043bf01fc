"""Production settings fail loudly instead of running insecurely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# The browser tests allow the ORM beside Playwright's event loop; production never does.
TEST_ONLY = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def django_check(**environment):
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", *TEST_ONLY)
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(environment, DJANGO_SETTINGS_MODULE="analyst.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = django_check(DEBUG="false", ALLOWED_HOSTS="analyst.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = django_check(DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off." in result.stderr


@pytest.mark.parametrize("debug", ["true", "false"])
def test_a_complete_configuration_starts(debug):
    result = django_check(DEBUG=debug, SECRET_KEY="x" * 60, ALLOWED_HOSTS="analyst.example.org")
    assert result.returncode == 0, result.stderr


def test_the_deploy_check_is_clean_in_production():
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env.update(
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijkl",
        ALLOWED_HOSTS="analyst.example.org",
        EMAIL_URL="smtp://mail.example.org:587",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def media_storage(**environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(environment)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.STORAGES['default']))",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "analyst.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_stays_on_disk_by_default():
    assert media_storage() == {"BACKEND": "analyst.storage.CleanImageStorage"}


def test_media_goes_to_the_bucket_when_one_is_configured():
    storage = media_storage(
        AWS_STORAGE_BUCKET_NAME="analyst-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert storage["BACKEND"] == "analyst.storage_s3.CleanImageS3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "analyst-media",
        "endpoint_url": "https://s3.example.org",
        "custom_domain": "media.example.org",
        "file_overwrite": False,
        "querystring_auth": False,
    }
