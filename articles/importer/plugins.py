"""Joomla's plugin tags, {loadposition …}, {jcomments on}, {mosimage}: never text for readers.

Joomla replaced them as it rendered a page (with a module, the comments, an image); here they
are taken out, with what a pair of them wraps where that is one word (a video id, a folder).
"""

import re

# {youtube}dQw4w9WgXcQ{/youtube}, {gallery}trips/2009{/gallery}
_PAIR_AROUND_WORD = re.compile(
    r"\{(?P<name>[a-z][\w-]*)(?:[\s=][^{}]*)?\}[^{}\s<>]*\{/(?P=name)\}", re.I
)
# {loadposition user1}, {jcomments on}, {mosimage}, {tab Title}, {/tab}
_TAG = re.compile(r"\{/?[a-z][\w-]*(?:[\s=][^{}]*)?\}", re.I)
_EMPTIED_PARAGRAPH = re.compile(r"<p\b[^>]*>(?:\s|&nbsp;|<br\s*/?>)*</p>", re.I)
_TAG_NAME = re.compile(r"\{/?([a-z][\w-]*)", re.I)


def strip_plugin_tags(text, notes=None):
    """Return `text` without plugin tags; name those taken out in `notes`, if given."""
    if "{" not in text:
        return text
    found = [match.group(0) for match in _TAG.finditer(text)]
    if not found:
        return text
    text = _TAG.sub("", _PAIR_AROUND_WORD.sub("", text))
    if notes is not None:
        names = dict.fromkeys(_TAG_NAME.match(tag).group(1).lower() for tag in found)
        notes.append("Joomla plugin tags taken out: " + ", ".join(f"{{{name}}}" for name in names))
    return _EMPTIED_PARAGRAPH.sub("", text)
