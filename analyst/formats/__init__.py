"""The publication's own date formats, in place of the locale's (see en/formats.py)."""
