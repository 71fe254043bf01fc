"""Bringing an archive in: from a Joomla/K2 database and from saved article pages.

Each source yields `ImportItem`s (`item.py`); `writer.py` turns one item into Django objects in
one transaction, idempotently; `run.py` drives a whole import with its progress and report.
"""
