"""Media on S3 or a compatible object store (`pip install .[s3]`), images cleaned as on disk."""

from storages.backends.s3 import S3Storage

from .storage import StripImageMetadataMixin


class CleanImageS3Storage(StripImageMetadataMixin, S3Storage):
    pass
