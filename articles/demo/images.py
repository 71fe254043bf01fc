"""Simple generated pictures for the demo: logos, covers and portraits drawn with Pillow."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont


def _font(size):
    return ImageFont.load_default(size=size)


def _png(image, name):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=name)


def _centred_text(draw, box, text, size, fill):
    font = _font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = box[0] + (box[2] - box[0] - (right - left)) / 2
    y = box[1] + (box[3] - box[1] - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=fill)


def logo(short_name, colour, name):
    """A wordmark: the partner's short name on its colour."""
    image = Image.new("RGB", (240, 64), colour)
    draw = ImageDraw.Draw(image)
    _centred_text(draw, (0, 0, 240, 64), short_name, 30, "white")
    return _png(image, name)


def cover(kind, title, colour, name):
    """A report cover: the kind at the top, the title's first words below."""
    image = Image.new("RGB", (180, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 170, 230), outline="white", width=2)
    _centred_text(draw, (10, 20, 170, 50), kind.upper(), 14, "white")
    words, lines, line = title.split(), [], ""
    for word in words:
        if len(f"{line} {word}") > 16:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for number, text in enumerate(lines[:6]):
        _centred_text(draw, (10, 80 + number * 22, 170, 100 + number * 22), text, 16, "white")
    return _png(image, name)


def portrait(author_name, colour, name):
    """A portrait placeholder: the author's initials in a circle."""
    initials = "".join(part[0] for part in author_name.replace(".", " ").split()[:3]).upper()
    image = Image.new("RGB", (240, 240), "#eef1f4")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 220, 220), fill=colour)
    _centred_text(draw, (20, 20, 220, 220), initials, 72, "white")
    return _png(image, name)
