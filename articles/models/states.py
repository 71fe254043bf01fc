"""The states an article passes through on its way to readers, and the groups that rules use."""

from django.db import models


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Public once their publication time has come (and their issue, if any, is published).
PUBLIC_STATES = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
# Whose content the article's own authors may still change (editors always may).
AUTHOR_EDITABLE_STATES = (ArticleStatus.DRAFT, ArticleStatus.CHANGES_REQUESTED)
# That go public with their issue when it is published.
READY_STATES = (ArticleStatus.APPROVED, ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED)
