"""Uploaded images keep their pixels alone, upright, and are refused by size before decoding."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from articles.models import Author, PartnerSite

pytestmark = pytest.mark.django_db

SECRET = "SECRET-4711"  # written into every metadata block; must not survive anywhere
XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>{SECRET}</rdf:Description></x:xmpmeta>'
ORIENTATION, TURN_CLOCKWISE = 0x0112, 6
RED, BLUE = (220, 0, 0), (0, 0, 220)


def exif(orientation=None):
    data = Image.Exif()
    data[0x010F] = f"Camera {SECRET}"  # Make
    data[0x013B] = f"Artist {SECRET}"
    gps = data.get_ifd(0x8825)
    gps[1], gps[2] = "N", (59.0, 19.0, 0.0)
    if orientation:
        data[ORIENTATION] = orientation
    return data.tobytes()


def srgb_profile_with_secret():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + SECRET.encode()


def png_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"tEXt {SECRET}")
    info.add_text("Author", f"zTXt {SECRET}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    return info


def two_colours(size=(60, 40)):
    """Left half red, right half blue: which way is up survives any re-encoding."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image


def frames(count=3, size=(20, 20)):
    return [Image.new("RGB", size, (60 * number, 0, 0)) for number in range(count)]


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def animated(image_format, **options):
    first, *rest = frames()
    return encoded(
        first, image_format, save_all=True, append_images=rest, duration=[100, 200, 300], **options
    )


def phone_photo():
    """A phone's JPEG with a second picture after it (a depth or gain map): Pillow calls it MPO."""
    return encoded(
        two_colours(),
        "MPO",
        save_all=True,
        append_images=[Image.new("RGB", (30, 20), "gray")],
        exif=exif(),
        comment=SECRET.encode(),
    )


CARRYING_METADATA = {
    "JPEG with comment, EXIF, XMP and profile": (
        "photo.jpg",
        lambda: encoded(
            two_colours(),
            "JPEG",
            comment=f"comment {SECRET}".encode(),
            exif=exif(),
            xmp=XMP.encode(),
            icc_profile=srgb_profile_with_secret(),
        ),
    ),
    "phone photo (MPO)": ("phone.jpg", phone_photo),
    "PNG with text chunks and EXIF": (
        "logo.png",
        lambda: encoded(two_colours(), "PNG", pnginfo=png_text(), exif=exif()),
    ),
    "GIF with a comment": (
        "logo.gif",
        lambda: encoded(two_colours().convert("P"), "GIF", comment=f"comment {SECRET}".encode()),
    ),
    "WebP with EXIF, XMP and profile": (
        "logo.webp",
        lambda: encoded(
            two_colours(), "WEBP", exif=exif(), xmp=XMP, icc_profile=srgb_profile_with_secret()
        ),
    ),
    "animated GIF with a comment": (
        "anim.gif",
        lambda: animated("GIF", comment=f"comment {SECRET}".encode(), loop=0),
    ),
    "animated WebP with EXIF and XMP": (
        "anim.webp",
        lambda: animated("WEBP", exif=exif(), xmp=XMP, loop=0),
    ),
    "animated PNG with text chunks": ("anim.png", lambda: animated("PNG", pnginfo=png_text())),
}
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "Comment", "Author"}


def upload_logo(client, name, content):
    return client.post(
        reverse("admin:articles_partnersite_add"),
        {"name": "Partner", "url": "https://p.example.org/", "position": 0, "logo_alt": "Logo"}
        | {"logo": SimpleUploadedFile(name, content)},
    )


def stored_logo():
    return PartnerSite.objects.get().logo.read()


@pytest.mark.parametrize("kind", CARRYING_METADATA)
def test_every_metadata_block_is_stripped_from_an_upload(admin_client, kind):
    name, make = CARRYING_METADATA[kind]
    original = make()
    assert SECRET.encode() in original
    response = upload_logo(admin_client, name, original)
    assert response.status_code == 302, response.text
    stored = stored_logo()
    assert SECRET.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert not METADATA_KEYS & set(image.info), image.info
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            assert not METADATA_KEYS & set(image.info), (frame, image.info)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_sideways_photo_is_stored_upright(admin_client, image_format):
    photo = encoded(two_colours((60, 40)), image_format, exif=exif(TURN_CLOCKWISE))
    assert upload_logo(admin_client, f"photo.{image_format.lower()}", photo).status_code == 302
    with Image.open(io.BytesIO(stored_logo())) as image:
        assert image.size == (40, 60)
        assert ORIENTATION not in image.getexif()
        top, bottom = image.convert("RGB").getpixel((20, 5)), image.getpixel((20, 55))
    assert top[0] > 150 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 150 and bottom[0] < 60


@pytest.mark.parametrize("image_format", ["GIF", "WEBP", "PNG"])
def test_an_animation_keeps_its_frames_and_timing(admin_client, image_format):
    upload_logo(admin_client, f"anim.{image_format.lower()}", animated(image_format, loop=0))
    with Image.open(io.BytesIO(stored_logo())) as image:
        assert image.format == image_format
        assert image.n_frames == 3
        durations, reds = [], []
        for frame in range(3):
            image.seek(frame)
            reds.append(image.convert("RGB").getpixel((5, 5))[0])
            durations.append(image.info["duration"])  # WebP tells it once the frame is read
    assert durations == [100, 200, 300]
    assert reds == sorted(reds) and reds[0] < reds[-1]


def test_a_phone_photo_with_a_depth_map_is_taken_and_stored_as_its_jpeg(admin_client):
    response = upload_logo(admin_client, "phone.jpg", phone_photo())
    assert response.status_code == 302, response.text
    with Image.open(io.BytesIO(stored_logo())) as image:
        assert (image.format, image.size, getattr(image, "n_frames", 1)) == ("JPEG", (60, 40), 1)


def no_decoding(monkeypatch):
    """From now on decoding any picture fails the test: a refusal must come from the header."""

    def decode(image):
        raise AssertionError(f"decoded a {image.size} image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)


def one_colour_png(size):
    """Millions of pixels in a small file: what a decompression bomb looks like."""
    return encoded(Image.new("L", size), "PNG")


@pytest.mark.parametrize(
    ("size", "pixels"),
    [((7000, 5600), "39,200,000"), ((9000, 9000), "more than 50,000,000")],
    ids=["39-megapixels", "beyond-pillows-own-guard"],
)
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(
    admin_client, monkeypatch, size, pixels
):
    bomb = one_colour_png(size)
    assert len(bomb) < 200_000
    no_decoding(monkeypatch)
    response = upload_logo(admin_client, "bomb.png", bomb)
    assert response.status_code == 200
    assert (
        f"This image has {pixels} pixels (all its frames counted); images may have at most "
        "25,000,000, about 25 megapixels. Make it smaller and upload it again."
    ) in response.text
    assert not PartnerSite.objects.exists()


def test_every_frame_of_an_animation_counts_towards_the_limit(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 1000
    first, *rest = frames(count=3, size=(20, 20))  # 400 pixels a frame
    response = upload_logo(
        admin_client, "anim.gif", encoded(first, "GIF", save_all=True, append_images=rest)
    )
    assert "This image has 1,200 pixels (all its frames counted)" in response.text
    assert not PartnerSite.objects.exists()


def test_the_limit_is_a_setting(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 2000
    assert upload_logo(admin_client, "small.png", one_colour_png((40, 50))).status_code == 302
    response = upload_logo(admin_client, "big.png", one_colour_png((50, 50)))
    assert "This image has 2,500 pixels" in response.text


def test_an_editor_uploading_an_author_photo_gets_the_same_refusal(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 1000
    response = editor_client.post(
        reverse("admin:articles_author_add"),
        {"name": "Ann Photo", "slug": "ann-photo", "photo_alt": "Ann"}
        | {"photo": SimpleUploadedFile("ann.png", one_colour_png((40, 40)))},
    )
    assert response.status_code == 200
    assert "This image has 1,600 pixels" in response.text
    assert not Author.objects.filter(slug="ann-photo").exists()
