"""What an uploaded image must be: a real picture, of a format browsers show, and not too big."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000

# Pillow refuses to open anything larger: a decompression bomb fails before it is decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_image(file):
    """Refuse files that are not images of an allowed format, or that are too large."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(
            "This file is not an image we can use (%(reason)s).",
            code="invalid_image",
            params={"reason": error.__class__.__name__},
        ) from error
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "Images must be JPEG, PNG, WebP or GIF; this one is %(format)s.",
            code="image_format",
            params={"format": image_format},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError("This image has too many pixels.", code="image_pixels")


def without_metadata(content, name):
    """Return the image in `content` re-encoded with no EXIF, XMP or comments; other files as is.

    The picture is turned upright first, since its orientation lives in the metadata dropped.
    """
    try:
        content.seek(0)
        with Image.open(content) as image:
            image_format = image.format
            if image_format not in ALLOWED_FORMATS:
                return content
            buffer = io.BytesIO()
            if getattr(image, "is_animated", False):
                image.save(buffer, format=image_format, save_all=True)
            else:
                upright = ImageOps.exif_transpose(image)
                upright.save(buffer, format=image_format, **_encoder_options(image_format))
    except (UnidentifiedImageError, OSError, SyntaxError):
        content.seek(0)
        return content
    return ContentFile(buffer.getvalue(), name=name)


def _encoder_options(image_format):
    if image_format == "JPEG":
        return {"quality": 90, "optimize": True}
    if image_format == "WEBP":
        return {"quality": 90}
    return {}
