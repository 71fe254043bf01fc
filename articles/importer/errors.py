"""Errors in words a person can act on."""

from django.core.exceptions import ValidationError


def describe(error):
    """One line a person can act on, whatever failed."""
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{error.__class__.__name__}: {message}" if message else error.__class__.__name__
