"""Headers, sign-in protection and uploads: the site is hard to misuse."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from lxml import html
from PIL import Image

from articles.models import PartnerSite
from tests.factories import make_article, make_issue, make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture
def public_urls():
    issue = make_issue()
    article = make_article("Secure page", issue=issue)
    author = article.authors.first()
    return ["/", article.get_absolute_url(), issue.get_absolute_url(), author.get_absolute_url()]


def test_public_pages_carry_the_security_headers(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        directives = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert directives["script-src"].split() == ["'self'"]
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_script(client, public_urls):
    for url in public_urls:
        tree = html.fromstring(client.get(url).content)
        for script in tree.iter("script"):
            is_data = script.get("type") in ("application/ld+json", "application/json")
            assert script.get("src") or is_data, url
        for element in tree.iter():
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, (url, element.tag, handlers)


def sign_in(client, username, password, address="192.0.2.10", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/", **extra},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_wrong_passwords_lock_that_username_from_that_address(client, lockout):
    make_user("editor", is_staff=True)
    for _ in range(2):
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert sign_in(client, "editor", "wrong").status_code == 429
    locked = sign_in(client, "editor", "pw-editor-1")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_stop_the_same_user_elsewhere_or_others_here(client, lockout):
    make_user("editor", is_staff=True)
    make_user("colleague", is_staff=True)
    for _ in range(3):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "colleague", "pw-editor-1").status_code == 302
    client.logout()
    assert sign_in(client, "editor", "pw-editor-1", address="198.51.100.4").status_code == 302


def totp_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_staff_with_an_authenticator_must_give_its_code(client):
    user = make_user("careful", is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = sign_in(client, "careful", "pw-editor-1")
    assert response.status_code == 200
    assert "otp_token" in response.text
    assert "_auth_user_id" not in client.session
    response = sign_in(
        client,
        "careful",
        "pw-editor-1",
        otp_device=device.persistent_id,
        otp_token=totp_code(device),
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_sign_in(client):
    user = make_user("careful", is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    wrong = f"{(int(totp_code(device)) + 1) % 1000000:06d}"
    response = sign_in(
        client, "careful", "pw-editor-1", otp_device=device.persistent_id, otp_token=wrong
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_without_an_authenticator_sign_in_with_their_password(client):
    make_user("plain", is_staff=True)
    assert sign_in(client, "plain", "pw-editor-1").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_two_factor_can_be_required_of_every_staff_member(client, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    user = make_user("plain", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302


def image_file(name="photo.jpg", image_format="JPEG", size=(64, 48), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "navy")
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{name.split('.')[-1]}")


def upload_logo(admin_client, logo):
    return admin_client.post(
        reverse("admin:articles_partnersite_add"),
        {"name": "Partner", "url": "https://p.example.org/", "position": 0, "logo": logo}
        | {"logo_alt": "Partner"},
    )


def test_uploaded_photos_lose_their_location_and_camera_data(admin_client):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 19.0, 0.0)  # latitude
    photo = image_file(exif=exif.tobytes())
    with Image.open(photo) as original:
        assert original.getexif().get_ifd(0x8825)
    photo.seek(0)
    response = upload_logo(admin_client, photo)
    assert response.status_code == 302
    stored = PartnerSite.objects.get().logo
    with Image.open(stored.path) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert image.size == (64, 48)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (image_file("logo.bmp", "BMP"), "Images must be JPEG, PNG, WebP or GIF"),
        (image_file("logo.tiff", "TIFF"), "Images must be JPEG, PNG, WebP or GIF"),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\nnot really"),
            "not a picture we can read",
        ),
    ],
)
def test_files_that_are_not_allowed_images_are_refused(admin_client, upload, message):
    response = upload_logo(admin_client, upload)
    assert response.status_code == 200
    assert message in response.text
    assert not PartnerSite.objects.exists()


def test_a_decompression_bomb_is_refused(admin_client):
    bomb = image_file("bomb.png", "PNG", size=(9000, 9000))
    response = upload_logo(admin_client, bomb)
    assert response.status_code == 200
    assert not PartnerSite.objects.exists()


def test_an_oversized_file_is_refused(admin_client, monkeypatch):
    monkeypatch.setattr("analyst.images.MAX_UPLOAD_BYTES", 1000)
    response = upload_logo(admin_client, image_file(size=(400, 400)))
    assert "images may be at most" in response.text
    assert not PartnerSite.objects.exists()
