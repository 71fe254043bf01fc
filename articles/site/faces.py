"""The site's own faces for images drawn with Pillow, read from the @font-face rules it serves.

Each face comes in subsets (latin, latin-ext, cyrillic), one file each with the characters its
`unicode-range` names; text is drawn in runs, each run in the subset that has its characters.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import ImageFont

STATIC = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC / "css" / "site.css"
FONT_FACE = re.compile(r"@font-face \{(.*?)\}", re.DOTALL)


@cache
def _subsets(family):
    """[(file, [(first, last) code point ranges])] of the upright `family`, in the CSS's order."""
    subsets = []
    for rule in FONT_FACE.findall(STYLESHEET.read_text()):
        if f"font-family: '{family}'" not in rule or "font-style: normal" not in rule:
            continue
        source = re.search(r"url\(([^)]+)\)", rule).group(1)
        ranges = re.search(r"unicode-range: ([^;]+);", rule).group(1)
        subsets.append(((STYLESHEET.parent / source).resolve(), _ranges(ranges)))
    if not subsets:
        raise LookupError(f"site.css has no @font-face for {family!r}")
    return subsets


def _ranges(text):
    ranges = []
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


class Face:
    """One family at one size and weight, in all its subsets."""

    def __init__(self, family, size, weight=400):
        self.subsets = []
        for path, ranges in _subsets(family):
            font = ImageFont.truetype(str(path), size)
            font.set_variation_by_axes([weight])
            self.subsets.append((font, ranges))
        self.size = size
        self.fallback = self._covering(ord("A")) or self.subsets[0][0]

    def _covering(self, code):
        for font, ranges in self.subsets:
            if any(first <= code <= last for first, last in ranges):
                return font
        return None

    def _font_for(self, character):
        return self._covering(ord(character)) or self.fallback

    def runs(self, text):
        """[(font, text)]: the text cut where the subset it needs changes."""
        runs = []
        for character in text:
            font = self._font_for(character)
            if runs and runs[-1][0] is font:
                runs[-1][1] += character
            else:
                runs.append([font, character])
        return [(font, part) for font, part in runs]

    def length(self, text):
        return sum(font.getlength(part) for font, part in self.runs(text))

    def draw(self, canvas, position, text, fill):
        x, y = position
        for font, part in self.runs(text):
            canvas.text((x, y), part, font=font, fill=fill)
            x += font.getlength(part)


def wrap(face, text, width):
    """The lines `text` takes at `width` pixels, cutting only between words."""
    lines = []
    for word in text.split():
        if lines and face.length(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
