"""Social cards: a 1200×630 image of each article for og:image and twitter:image.

Drawn with Pillow from the title, section and authors and the publication's name, in the
site's own faces, and kept as a file in media storage under a name made from exactly those:
a change to any of them makes a new name (and so a new card), and the old file is removed.
"""

import hashlib
import io
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from .faces import Face, wrap

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FOLDER = "cards"
# Raised whenever the drawing changes, so every card is drawn again.
DRAWING = 1
PAPER, TINT, INK, MUTED, ACCENT = "#ffffff", "#f4f1ea", "#1d2329", "#4f5b66", "#8a2b1c"
TITLE_SIZES = (76, 68, 60, 54, 48)
TITLE_LINES = 4
TITLE_TOP, TITLE_BOTTOM = 130, HEIGHT - 180
LEADING = 1.18
LOGO_WIDTH, LOGO_HEIGHT = 600, 60


def _digest(*drawn):
    return hashlib.sha256(json.dumps([DRAWING, *drawn]).encode()).hexdigest()[:16]


def card_name(article, publication):
    """The file name of the article's current card."""
    drawn = (article.shown_title, article.section.name, article.byline, publication)
    return f"{article.pk}-{_digest(*drawn)}"


def logo_name(publication):
    """The file name of the publisher's logo for the publication's current name."""
    return f"logo-{_digest(publication)}"


def card_file(article, publication):
    """The path in storage of the article's current card, drawn first if it is not there."""
    name = card_name(article, publication)
    return _kept(name, f"{article.pk}-", lambda: draw_card(article, publication))


def logo_file(publication):
    return _kept(logo_name(publication), "logo-", lambda: draw_logo(publication))


def _kept(name, family, draw):
    """The stored file `name`, drawn if missing; the family's older files are removed."""
    path = f"{FOLDER}/{name}.png"
    if not default_storage.exists(path):
        _forget_older(family, path)
        default_storage.save(path, ContentFile(draw()))
    return path


def _forget_older(family, current):
    if not default_storage.exists(FOLDER):
        return
    _, files = default_storage.listdir(FOLDER)
    for name in files:
        if name.startswith(family) and f"{FOLDER}/{name}" != current:
            default_storage.delete(f"{FOLDER}/{name}")


def draw_card(article, publication):
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), TINT)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle([0, 0, 24, HEIGHT], fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    Face("Source Serif 4", 30, 700).draw(canvas, (MARGIN, 70), article.section.name.upper(), ACCENT)
    title_face, lines = _fitted_title(article.shown_title, text_width)
    for number, line in enumerate(lines):
        title_face.draw(canvas, (MARGIN, TITLE_TOP + number * title_face.size * LEADING), line, INK)
    if article.byline:
        byline_face = Face("Source Serif 4", 34)
        byline = _shortened(byline_face, f"By {article.byline}", text_width)
        byline_face.draw(canvas, (MARGIN, HEIGHT - 165), byline, MUTED)
    canvas.rectangle([MARGIN, HEIGHT - 110, WIDTH - MARGIN, HEIGHT - 108], fill=INK)
    Face("Playfair Display", 40, 700).draw(canvas, (MARGIN, HEIGHT - 92), publication, INK)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def draw_logo(publication):
    """The publication's name as a wordmark of at most 600×60, for schema.org's publisher."""
    face = Face("Playfair Display", 40, 700)
    name = _shortened(face, publication, LOGO_WIDTH - 20)
    image = Image.new("RGB", (min(LOGO_WIDTH, int(face.length(name)) + 20), LOGO_HEIGHT), PAPER)
    face.draw(ImageDraw.Draw(image), (10, 4), name, INK)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _fitted_title(title, width):
    """The largest title face whose lines fit; at the smallest, the last line is shortened."""
    for size in TITLE_SIZES:
        face = Face("Playfair Display", size, 700)
        lines = wrap(face, title, width)
        fits = TITLE_TOP + len(lines) * size * LEADING <= TITLE_BOTTOM
        if len(lines) <= TITLE_LINES and fits:
            return face, lines
    kept = lines[: TITLE_LINES - 1]
    rest = " ".join(lines[TITLE_LINES - 1 :])
    return face, [*kept, _shortened(face, rest, width)]


def _shortened(face, text, width):
    if face.length(text) <= width:
        return text
    while text and face.length(f"{text}…") > width:
        text = text[:-1]
    return f"{text.rstrip()}…"
