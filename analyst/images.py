"""What an uploaded image must be: a real picture, of a format browsers show, and not too big.

Everything is decided from the file's header before a pixel is decoded; only then is the
picture re-encoded, upright and in sRGB, with nothing but its pixels (no EXIF, XMP, comments,
text chunks or colour profile), so that what a camera or an editor's computer wrote into it
(GPS position, names, software) never reaches readers.
"""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

# The format each accepted one is stored in: a phone's photo with a depth or gain map (MPO) is
# a JPEG followed by those extra pictures, and is kept as the JPEG alone.
STORED_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What an animated picture keeps besides its frames: how to play them.
ANIMATION_INFO = ("duration", "loop", "disposal", "transparency", "background", "blend")
_SRGB = ImageCms.createProfile("sRGB")
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)

# Pillow's own guard for every other path (the importer, the demo): it refuses above twice this.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def validate_image(file):
    """Refuse files that are not images of an allowed format, or that are too large."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    image_format, pixels = _read_header(file)
    if pixels > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels(number_format(pixels, force_grouping=True))
    if image_format not in STORED_FORMAT:
        raise ValidationError(
            "Images must be JPEG, PNG, WebP or GIF; this one is %(format)s.",
            code="image_format",
            params={"format": image_format},
        )


def _read_header(file):
    """The file's format and how many pixels decoding it would make, read without decoding.

    Every frame of an animation is kept, and counted; a phone photo's extra pictures (MPO) are
    dropped unread, and are not.
    """
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with (
            warnings.catch_warnings(action="ignore", category=Image.DecompressionBombWarning),
            Image.open(file) as image,
        ):
            width, height = image.size
            kept_frames = 1 if image.format == "MPO" else getattr(image, "n_frames", 1)
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError as error:
        too_many = number_format(2 * Image.MAX_IMAGE_PIXELS, force_grouping=True)
        raise _too_many_pixels(f"more than {too_many}") from error
    except _UNREADABLE as error:
        raise ValidationError(
            "This file is not a picture we can read: it may be damaged, or not an image at all.",
            code="invalid_image",
        ) from error
    finally:
        if position is not None:
            file.seek(position)
    return image_format, width * height * kept_frames


def _too_many_pixels(pixels):
    return ValidationError(
        "This image has %(pixels)s pixels (all its frames counted); images may have at most "
        "%(limit)s, about %(megapixels)s megapixels. Make it smaller and upload it again.",
        code="image_pixels",
        params={
            "pixels": pixels,
            "limit": number_format(settings.IMAGE_MAX_PIXELS, force_grouping=True),
            "megapixels": settings.IMAGE_MAX_PIXELS // 1_000_000,
        },
    )


class ImageUploadField(forms.ImageField):
    """The form's image field: our checks first, so that Pillow's own refusal never shows.

    Django's field opens the file too, and calls anything Pillow refuses "not an image".
    """

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class UploadedImageField(models.ImageField):
    """An image uploaded by editors: validated before it is decoded, stored without metadata."""

    default_validators = [validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


def without_metadata(content, name):
    """Return the image in `content` re-encoded with its pixels alone; other files as is.

    The picture is turned upright first, since its orientation lives in the metadata dropped,
    and converted to sRGB, since its colour profile is dropped too.
    """
    try:
        content.seek(0)
        with Image.open(content) as image:
            stored_format = STORED_FORMAT.get(image.format)
            if stored_format is None:
                return content
            buffer = io.BytesIO()
            if stored_format != "JPEG" and getattr(image, "is_animated", False):
                _save_animation(image, buffer, stored_format)
            else:
                _save_picture(image, buffer, stored_format)
    except _UNREADABLE:
        content.seek(0)
        return content
    return ContentFile(buffer.getvalue(), name=name)


def _save_picture(image, buffer, stored_format):
    # In place, and so is the conversion where the mode stays: one decoded copy at a time.
    ImageOps.exif_transpose(image, in_place=True)
    picture = _in_srgb(image)
    transparency = picture.info.get("transparency")
    picture.info = {}
    options = _encoder_options(stored_format)
    if transparency is not None and stored_format in ("PNG", "GIF"):
        options["transparency"] = transparency
    picture.save(buffer, format=stored_format, **options)


def _save_animation(image, buffer, stored_format):
    frames = []
    for frame in ImageSequence.Iterator(image):
        kept = frame.copy()
        kept.info = {key: frame.info[key] for key in ANIMATION_INFO if key in frame.info}
        frames.append(kept)
    first = frames[0]
    playing = {key: [frame.info.get(key, 0) for frame in frames] for key in ("duration",)}
    first.save(
        buffer,
        format=stored_format,
        save_all=True,
        append_images=frames[1:],
        loop=image.info.get("loop", 0),
        **playing,
    )


def _in_srgb(picture):
    """The picture's colours as sRGB (what browsers assume of an image without a profile)."""
    profile = picture.info.get("icc_profile")
    if not profile or picture.mode not in ("RGB", "RGBA", "CMYK"):
        return picture
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if picture.mode == "CMYK":
            return ImageCms.profileToProfile(picture, source, _SRGB, outputMode="RGB")
        ImageCms.profileToProfile(picture, source, _SRGB, inPlace=True)
        return picture
    except (ImageCms.PyCMSError, OSError, ValueError):
        return picture  # a broken profile: keep the pixels as they are


def _encoder_options(image_format):
    if image_format == "JPEG":
        return {"quality": 90, "optimize": True}
    if image_format == "WEBP":
        return {"quality": 90}
    return {}
