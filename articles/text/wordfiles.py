"""Word files (.docx) read into an article: its title, byline, three parts, images and notes.

mammoth turns the document into plain HTML (Word's fonts, colours and comments dropped); what it
makes is then recognised block by block and cleaned by the same allow-list as typed text.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

import mammoth
from django.template.defaultfilters import filesizeformat

from .plain import plain
from .richtext import sanitize_html

MAX_WORD_FILE_BYTES = 20 * 1024 * 1024
# A .docx is a zip; one that unpacks to more than this is a zip bomb, not an article.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
PART_NAMES = ("background", "implications", "conclusions")

# Headings as authors type them: "Background", "BACKGROUND:", "2. Implications", "Conclusion –".
_PART_HEADING = re.compile(
    r"^(?:(?:\d+|[IVX]+)[.)]\s*)?(?P<word>background|implications?|conclusions?)\b"
    r"\s*(?P<sep>[:.\-–—]?)\s*",
    re.IGNORECASE,
)
_INLINE = r"(?:strong|b|em|i|u|span)"
_EMPTY_INLINE = re.compile(rf"<(?P<tag>{_INLINE})\b[^>]*>\s*</(?P=tag)>", re.IGNORECASE)
_LEADING_SPACE = re.compile(r"^(<\w+[^>]*>)\s+")
_BYLINE = re.compile(r"^by\s+(?P<names>.+?)\s*(?:\(.*\))?$", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_NOTE_REFERENCE = re.compile(
    r'<sup><a href="#(?:footnote|endnote)-\d+" id="(?:footnote|endnote)-ref-\d+">'
    r"(?P<mark>\[\d+\])</a></sup>"
)
_NOTE_BACK_LINK = re.compile(r'\s*<a href="#(?:footnote|endnote)-ref-\d+">↑</a>')
_NOTES_LIST = re.compile(r'<ol><li id="(?:footnote|endnote)-\d+">.*</ol>$', re.DOTALL)
# Word's Title and Subtitle styles are headings too; comments are dropped whatever the default.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
comment-reference => !
"""

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted (password-protected) .docx keeps inside its OLE container.
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


class WordFileRefused(Exception):
    """The file cannot be read as an article; the message says why and what to do."""


@dataclass
class WordArticle:
    """What a Word file holds, recognised: fields for the form, and what was found, in words."""

    fields: dict = field(default_factory=dict)
    author_names: list = field(default_factory=list)
    recognised: list = field(default_factory=list)
    images_without_alt: int = 0
    images_left_out: list = field(default_factory=list)


def read_word_file(upload, store_image):
    """Read an uploaded .docx; `store_image(bytes, content_type)` returns an image's address."""
    content = _checked_bytes(upload)
    article = WordArticle()
    html = _convert(content, article, store_image)
    blocks = top_level_blocks(html)
    blocks = _take_title(blocks, article)
    blocks = _take_byline(blocks, article)
    _fill_text(blocks, article)
    _describe(article)
    return article


def _checked_bytes(upload):
    if upload.size > MAX_WORD_FILE_BYTES:
        raise WordFileRefused(
            f"This file is {filesizeformat(upload.size)}; Word files may be at most "
            f"{filesizeformat(MAX_WORD_FILE_BYTES)}. Save it without embedded fonts or with "
            "smaller pictures, and import it again."
        )
    content = upload.read()
    if content.startswith(OLE_SIGNATURE):
        if ENCRYPTION_STREAM in content:
            raise WordFileRefused(
                "This Word file is protected by a password. Remove the password in Word "
                "(File › Info › Protect Document), save it, and import it again."
            )
        raise WordFileRefused(
            "This is an older Word file (.doc). Open it in Word, save it as a Word "
            "Document (.docx), and import that."
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise WordFileRefused("This file is not a Word document (.docx).")
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        if "word/document.xml" not in package.namelist():
            raise WordFileRefused("This file is not a Word document (.docx).")
        if sum(entry.file_size for entry in package.infolist()) > MAX_UNPACKED_BYTES:
            raise WordFileRefused("This Word file unpacks to far more than any article.")
    return content


def _convert(content, article, store_image):
    def image(picture):
        with picture.open() as stream:
            address = store_image(stream.read(), picture.content_type)
        if address is None:
            article.images_left_out.append(picture.content_type)
            return {}
        if not picture.alt_text:
            article.images_without_alt += 1
        return {"src": address}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(content),
            convert_image=mammoth.images.img_element(image),
            style_map=STYLE_MAP,
            include_embedded_style_map=False,
        )
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise WordFileRefused(
            "This Word file could not be read; open it in Word, save it again, and retry."
        ) from error
    html = re.sub(r"<img(?![^>]*\bsrc=)[^>]*>", "", result.value)  # pictures left out
    return _notes_at_the_end(html, article)


def _notes_at_the_end(html, article):
    """Footnotes and endnotes as numbered notes after the text, their marks kept in it."""
    html = _NOTE_REFERENCE.sub(r"<sup>\g<mark></sup>", html)
    notes = _NOTES_LIST.search(html)
    if notes is None:
        return html
    listing = _NOTE_BACK_LINK.sub("", notes.group(0))
    listing = re.sub(r'<li id="[^"]*">', "<li>", listing)
    article.recognised.append(f"{listing.count('<li>')} notes, placed at the end as Notes")
    return html[: notes.start()] + "<h3>Notes</h3>" + listing


class _BlockSplitter(HTMLParser):
    """Finds where each top-level element of an HTML fragment starts and ends."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col"}

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.start, self.spans = html, 0, 0, []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self.position()
        if tag not in self.VOID:
            self.depth += 1
        elif self.depth == 0:
            end = self.position() + len(self.get_starttag_text())
            self.spans.append((self.start, end))

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            start = self.position()
            self.spans.append((start, start + len(self.get_starttag_text())))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            end = self.html.index(">", self.position()) + 1
            self.spans.append((self.start, end))


def top_level_blocks(html):
    """The fragment's top-level elements, each as its HTML."""
    splitter = _BlockSplitter(html)
    splitter.feed(html)
    splitter.close()
    return [html[start:end] for start, end in splitter.spans]


def _tag(block):
    return re.match(r"<(\w+)", block).group(1).lower()


def _take_title(blocks, article):
    if not blocks:
        return blocks
    first, text = blocks[0], plain(blocks[0])
    entirely_bold = re.fullmatch(r"<p><strong>[^<]*</strong></p>", first)
    headed = _tag(first) in ("h1", "h2") or entirely_bold
    if headed and 0 < len(text) <= 300 and not _PART_HEADING.match(text):
        article.fields["title"] = text
        article.recognised.append(f"the title “{text}”")
        return blocks[1:]
    return blocks


def _take_byline(blocks, article):
    for index, block in enumerate(blocks[:2]):
        text = plain(block)
        match = _BYLINE.match(text) if len(text) <= 300 else None
        if match:
            names = [name for name in _NAME_SEPARATOR.split(match.group("names")) if name]
            article.author_names = names
            article.recognised.append(f"the byline “{text}”")
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def _fill_text(blocks, article):
    parts, current = {}, None
    for block in blocks:
        heading = _part_heading(block)
        if heading is not None:
            current, rest = heading
            parts.setdefault(current, [])
            if rest:
                parts[current].append(rest)
            continue
        parts.setdefault(current, []).append(block)
    if set(parts) - {None}:
        # Anything before the first heading (an opening paragraph) belongs to the background.
        opening = parts.pop(None, [])
        parts["background"] = opening + parts.get("background", [])
        for name in PART_NAMES:
            article.fields[name] = sanitize_html("".join(parts.get(name, [])))
        article.fields["body"] = ""
    else:
        article.fields["body"] = sanitize_html("".join(parts.get(None, [])))
        article.fields |= dict.fromkeys(PART_NAMES, "")


def _part_heading(block):
    """(part, what follows the heading in the same paragraph) if the block opens a part."""
    text = plain(block)
    match = _PART_HEADING.match(text)
    if match is None or _tag(block) in ("ul", "ol", "table"):
        return None
    word = match.group("word")
    part = next(name for name in PART_NAMES if name.startswith(word.lower().rstrip("s")))
    if not text[match.end() :]:
        return part, ""
    marked = match.group("sep") in (":", "-", "–", "—") or word.isupper()
    if not (marked or _bold_lead(block, word)):
        return None  # "Background checks were…": a sentence, not a heading
    return part, _without_heading(block, word)


def _bold_lead(block, word):
    """Whether the paragraph opens with the word alone in bold: <p><strong>Background</strong> …"""
    pattern = rf"^<p[^>]*>\s*<(strong|b)>\s*(?:(?:\d+|[IVX]+)[.)]\s*)?{re.escape(word)}\W*</\1>"
    return re.match(pattern, block, re.IGNORECASE) is not None


def _without_heading(block, word):
    lead = rf"^(<\w+[^>]*>(?:\s|<{_INLINE}\b[^>]*>)*)"
    heading = rf"(?:(?:\d+|[IVX]+)[.)]\s*)?{re.escape(word)}\s*[:.\-–—]?\s*"
    closing = rf"((?:</{_INLINE}>\s*)*)"
    rest = re.sub(lead + heading + closing, r"\1\2", block, count=1, flags=re.IGNORECASE)
    return _LEADING_SPACE.sub(r"\1", _EMPTY_INLINE.sub("", rest))


def _describe(article):
    fields = article.fields
    found = [name.title() for name in PART_NAMES if plain(fields.get(name, ""))]
    if found:
        article.recognised.append("the parts " + ", ".join(found))
    elif plain(fields.get("body", "")):
        article.recognised.append("the text, without Background/Implications/Conclusions")
    if article.images_without_alt:
        article.recognised.append(
            f"{article.images_without_alt} image(s) without a description: describe them"
        )
    for content_type in article.images_left_out:
        article.recognised.append(f"an image left out: browsers do not show {content_type}")
