"""What an uploaded image must be: a real picture, of a format browsers show, and not too big."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

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
