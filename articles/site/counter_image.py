"""The read count as a small SVG image, for pages read without JavaScript."""

from django.utils.html import format_html

# Wide enough for "Read 9,999,999 times" in the page's small sans-serif type.
CHARACTER_WIDTH = 8
HEIGHT = 20


def svg(count):
    """An image of the line "Read N times", drawn like the page's own read count."""
    line = f"Read {count:,} time{'' if count == 1 else 's'}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" '
        'aria-label="{}"><title>{}</title><text x="0" y="15" fill="#4f5b66" font-size="14" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">{}</text></svg>',
        len(line) * CHARACTER_WIDTH,
        HEIGHT,
        line,
        line,
        line,
    )
