"""File storage that strips what uploaded pictures carry besides the picture (GPS, camera…)."""

from django.core.files.storage import FileSystemStorage

from .images import without_metadata


class StripImageMetadataMixin:
    """Re-encode images without their metadata before any backend writes them."""

    def _save(self, name, content):
        return super()._save(name, without_metadata(content, name))


class CleanImageStorage(StripImageMetadataMixin, FileSystemStorage):
    pass
