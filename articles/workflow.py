"""The editorial workflow: an article's states, who may move it, and the log of every move.

Each move is a django-fsm transition (which states it leaves from, which it goes to, who may
make it). `perform` runs one: it locks the article's row, checks the move against the fresh
state and the user's role, saves, writes a Transition row and, once the transaction commits,
sends the notification. Two editors acting at once are serialised by the lock: the second one
finds the article already moved and is refused.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django_fsm import RETURN_VALUE, can_proceed, has_transition_perm, transition

DRAFT = "draft"
IN_REVIEW = "in_review"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"
SCHEDULED = "scheduled"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"

# Who may edit an article's content in each state (besides editors, who always may).
CONTRIBUTOR_EDITABLE = (DRAFT, CHANGES_REQUESTED)

CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
MANAGING_EDITOR = "Managing editor"

SUBMIT_PERMISSION = "articles.submit_article"
REVIEW_PERMISSION = "articles.review_article"


class TransitionRefused(Exception):
    """A move that is not allowed now, or not for this user; nothing was changed."""


def is_editor(user):
    return user.has_perm(REVIEW_PERMISSION)


def is_author_of(user, article):
    return article.authorships.filter(author__user_id=user.pk).exists()


def may_submit(article, user):
    return user.has_perm(SUBMIT_PERMISSION) and (is_editor(user) or is_author_of(user, article))


def may_review(article, user):
    return is_editor(user)


def may_edit(user, article):
    """Whether the user may change the article's content in its present state."""
    if is_editor(user):
        return True
    return article.status in CONTRIBUTOR_EDITABLE and is_author_of(user, article)


def not_yet_public(article):
    return article.published_at is not None and article.published_at > timezone.now()


# action: (button label, past tense for messages, message when the role may not do it)
ACTIONS = {
    "submit": (
        "Submit for review",
        "submitted for review",
        "Only the article's authors and editors can submit it for review.",
    ),
    "request_changes": (
        "Request changes",
        "sent back with changes requested",
        "Only editors can request changes.",
    ),
    "approve": ("Approve", "approved", "Only editors can approve articles."),
    "schedule": ("Schedule", "scheduled", "Only editors can schedule articles."),
    "unschedule": ("Unschedule", "unscheduled", "Only editors can unschedule articles."),
    "publish": ("Publish now", "published", "Only editors can publish articles."),
    "withdraw": ("Withdraw", "withdrawn", "Only editors can withdraw articles."),
}


class EditorialWorkflow:
    """The moves of an article through the workflow (mixed into Article)."""

    def submit(self, *, by, comment=""):
        """Send a draft, or a draft with changes made, to the editors for review."""
        return perform(self, "submit", by=by, comment=comment)

    def request_changes(self, *, by, comment):
        """Send the article back to its authors, saying what to change."""
        return perform(self, "request_changes", by=by, comment=comment)

    def approve(self, *, by, at=None, comment=""):
        """Accept the article; with a publication time, schedule it for then."""
        return perform(self, "approve", by=by, at=at, comment=comment)

    def schedule(self, *, by, at, comment=""):
        """Set an approved article to go public at a time in the future."""
        return perform(self, "schedule", by=by, at=at, comment=comment)

    def unschedule(self, *, by, comment=""):
        """Take a scheduled article back to approved before its time comes."""
        return perform(self, "unschedule", by=by, comment=comment)

    def publish(self, *, by, at=None, comment=""):
        """Make an approved or scheduled article public now (or at `at`, when given)."""
        return perform(self, "publish", by=by, at=at, comment=comment)

    def withdraw(self, *, by, comment=""):
        """Take the article off every public surface."""
        return perform(self, "withdraw", by=by, comment=comment)

    def available_actions(self, user):
        """The actions this user may take on the article now, as (name, label)."""
        return [
            (name, ACTIONS[name][0])
            for name in ACTIONS
            if has_transition_perm(getattr(self, f"_{name}"), user)
        ]

    @transition(
        field="status", source=[DRAFT, CHANGES_REQUESTED], target=IN_REVIEW, permission=may_submit
    )
    def _submit(self, at=None):
        pass

    @transition(
        field="status",
        source=[IN_REVIEW, APPROVED],
        target=CHANGES_REQUESTED,
        permission=may_review,
    )
    def _request_changes(self, at=None):
        pass

    @transition(
        field="status",
        source=IN_REVIEW,
        target=RETURN_VALUE(APPROVED, SCHEDULED),
        permission=may_review,
    )
    def _approve(self, at=None):
        if at is None:
            return APPROVED
        self.published_at = at
        return SCHEDULED

    @transition(field="status", source=APPROVED, target=SCHEDULED, permission=may_review)
    def _schedule(self, at=None):
        self.published_at = at

    @transition(
        field="status",
        source=SCHEDULED,
        target=APPROVED,
        permission=may_review,
        conditions=[not_yet_public],
    )
    def _unschedule(self, at=None):
        self.published_at = None

    @transition(
        field="status",
        source=[APPROVED, SCHEDULED, WITHDRAWN],
        target=PUBLISHED,
        permission=may_review,
    )
    def _publish(self, at=None):
        # A withdrawn article put back keeps its original dateline.
        if at is not None or self.status != WITHDRAWN or self.published_at is None:
            self.published_at = at or timezone.now()

    @transition(
        field="status", source=[PUBLISHED, SCHEDULED], target=WITHDRAWN, permission=may_review
    )
    def _withdraw(self, at=None):
        pass


def perform(article, action, *, by, comment="", at=None):
    """Make one move on the article for a user: locked, checked, saved, logged, notified."""
    from . import notifications  # it imports this module's states; importing it above loops

    comment = (comment or "").strip()
    with transaction.atomic():
        current = type(article).objects.select_for_update().get(pk=article.pk)
        _check(current, action, by, comment, at)
        source = current.status
        getattr(current, f"_{action}")(at=at)
        current.updated_by = by
        current._history_user = by
        current._change_reason = ACTIONS[action][0]
        current.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
        record = current.transitions.create(
            action=action, from_state=source, to_state=current.status, by=by, comment=comment
        )
        transaction.on_commit(partial(notifications.transition_made, record))
    article.refresh_from_db()
    return record


def _check(article, action, user, comment, at):
    move = getattr(article, f"_{action}")
    label, done, role_refusal = ACTIONS[action]
    if not can_proceed(move, check_conditions=False):
        raise TransitionRefused(
            f"“{article}” is {article.get_status_display().lower()}: "
            f"it cannot be {done} now. Nothing was changed."
        )
    if not has_transition_perm(move, user):
        if action == "unschedule" and is_editor(user):
            raise TransitionRefused(f"“{article}” is already public: withdraw it instead.")
        raise TransitionRefused(f"{role_refusal} Nothing was changed.")
    if action == "request_changes" and not comment:
        raise TransitionRefused("Say what should change: requesting changes needs a comment.")
    if action == "schedule" and at is None:
        raise TransitionRefused("Give the time the article should go public.")
    if at is not None and at <= timezone.now() and action in ("approve", "schedule"):
        raise TransitionRefused("Give a publication time in the future, or publish now.")
