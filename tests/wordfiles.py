"""Real Word files for tests, built with python-docx: parts, images with descriptions, notes."""

import io
import re
import zipfile

import docx
from docx.shared import Inches, Pt, RGBColor

from tests.factories import make_png

FOOTNOTES_PART = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>{notes}</w:footnotes>"
)
FOOTNOTE = '<w:footnote w:id="{id}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
FOOTNOTE_REFERENCE = '<w:r><w:footnoteReference w:id="{id}"/></w:r>'
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def new_document():
    return docx.Document()


def add_picture(document, alt=""):
    """A picture in a paragraph of its own, with its description (alt text) if given."""
    document.add_picture(make_png((40, 30)), width=Inches(1))
    if alt:
        drawing = document.paragraphs[-1].runs[-1]._r
        drawing.xpath(".//wp:docPr")[0].set("descr", alt)


def add_styled_paragraph(document, text):
    """A paragraph in Word's own styling: a font, a size, a colour, and one bold word."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.color.rgb = "Comic Sans MS", Pt(17), RGBColor(255, 0, 0)
    paragraph.add_run(" Bold").bold = True
    return paragraph


def saved(document, footnotes=()):
    """The document as .docx bytes; `footnotes` are (marker text, note) pairs put in as notes."""
    buffer = io.BytesIO()
    document.save(buffer)
    if footnotes:
        return _with_footnotes(buffer.getvalue(), footnotes)
    return buffer.getvalue()


def _with_footnotes(content, footnotes):
    """python-docx writes no footnotes: add the part, its relation and the references."""
    source = zipfile.ZipFile(io.BytesIO(content))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.endswith((".xml", ".rels")):
                data = _amended(entry.filename, data.decode("utf-8"), footnotes).encode("utf-8")
            target.writestr(entry, data)
        notes = "".join(
            FOOTNOTE.format(id=number, text=note)
            for number, (_, note) in enumerate(footnotes, start=1)
        )
        target.writestr("word/footnotes.xml", FOOTNOTES_PART.format(notes=notes))
    return result.getvalue()


def _amended(name, data, footnotes):
    if name == "word/document.xml":
        for number, (marker, _) in enumerate(footnotes, start=1):
            reference = FOOTNOTE_REFERENCE.format(id=number)
            data = re.sub(rf"(<w:t[^>]*>{re.escape(marker)}</w:t></w:r>)", rf"\1{reference}", data)
    elif name == "[Content_Types].xml":
        override = f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
        data = data.replace("</Types>", override + "</Types>")
    elif name == "word/_rels/document.xml.rels":
        relation = f'<Relationship Id="rIdNotes" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/>'
        data = data.replace("</Relationships>", relation + "</Relationships>")
    return data
