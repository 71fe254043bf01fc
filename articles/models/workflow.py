"""The editorial workflow: who may move an article between its states, and the moves themselves.

Each move is a django-fsm transition (which states it leaves from, which it goes to, who may
make it). `perform` runs one: it locks the article's row, checks the move against the fresh
state and the user's role, saves, logs a Transition and, once the transaction commits, sends
`article_moved` (the notifications listen). Two editors acting at once are serialised by the
lock: the second one finds the article already moved and is refused.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import get_text_list
from django_fsm import RETURN_VALUE, can_proceed, has_transition_perm, transition

from .records import Transition
from .states import AUTHOR_EDITABLE_STATES, ArticleStatus

# The editorial roles: groups made by a migration (0004_workflow_roles).
CONTRIBUTOR = "Contributor"
EDITOR = "Editor"
MANAGING_EDITOR = "Managing editor"

# The moves that need a complete article (Article.problems() empty); drafts save incomplete.
MOVES_NEEDING_COMPLETE = ("submit", "approve", "schedule", "publish")

SUBMIT_PERMISSION = "articles.submit_article"
REVIEW_PERMISSION = "articles.review_article"

# Sent once a move has been committed, with the Transition that logged it as `transition`.
article_moved = Signal()


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
    return article.status in AUTHOR_EDITABLE_STATES and is_author_of(user, article)


def not_yet_public(article):
    return article.published_at is not None and article.published_at > timezone.now()


# action: (button label, message when the role may not make the move); the log's words for
# each move are Transition.Action's.
ACTIONS = {
    "submit": (
        "Submit for review",
        "Only the article's authors and editors can submit it for review.",
    ),
    "request_changes": ("Request changes", "Only editors can request changes."),
    "approve": ("Approve", "Only editors can approve articles."),
    "schedule": ("Schedule", "Only editors can schedule articles."),
    "unschedule": ("Unschedule", "Only editors can unschedule articles."),
    "publish": ("Publish now", "Only editors can publish articles."),
    "withdraw": ("Withdraw", "Only editors can withdraw articles."),
}


def past_tense(action):
    """“submitted for review”, as in “3 articles submitted for review.”"""
    return Transition.Action(action).label.lower()


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
        field="status",
        source=[ArticleStatus.DRAFT, ArticleStatus.CHANGES_REQUESTED],
        target=ArticleStatus.IN_REVIEW,
        permission=may_submit,
    )
    def _submit(self, at=None):
        pass

    @transition(
        field="status",
        source=[ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED],
        target=ArticleStatus.CHANGES_REQUESTED,
        permission=may_review,
    )
    def _request_changes(self, at=None):
        pass

    @transition(
        field="status",
        source=ArticleStatus.IN_REVIEW,
        target=RETURN_VALUE(ArticleStatus.APPROVED, ArticleStatus.SCHEDULED),
        permission=may_review,
    )
    def _approve(self, at=None):
        if at is None:
            return ArticleStatus.APPROVED
        self.published_at = at
        return ArticleStatus.SCHEDULED

    @transition(
        field="status",
        source=ArticleStatus.APPROVED,
        target=ArticleStatus.SCHEDULED,
        permission=may_review,
    )
    def _schedule(self, at=None):
        self.published_at = at

    @transition(
        field="status",
        source=ArticleStatus.SCHEDULED,
        target=ArticleStatus.APPROVED,
        permission=may_review,
        conditions=[not_yet_public],
    )
    def _unschedule(self, at=None):
        self.published_at = None

    @transition(
        field="status",
        source=[ArticleStatus.APPROVED, ArticleStatus.SCHEDULED, ArticleStatus.WITHDRAWN],
        target=ArticleStatus.PUBLISHED,
        permission=may_review,
    )
    def _publish(self, at=None):
        # A withdrawn article put back keeps its original dateline.
        if at is not None or self.status != ArticleStatus.WITHDRAWN or self.published_at is None:
            self.published_at = at or timezone.now()

    @transition(
        field="status",
        source=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED],
        target=ArticleStatus.WITHDRAWN,
        permission=may_review,
    )
    def _withdraw(self, at=None):
        pass


def perform(article, action, *, by, comment="", at=None):
    """Make one move on the article for a user: locked, checked, saved, logged, announced."""
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
        record = Transition.record(current, action, by=by, comment=comment, from_state=source)
        transaction.on_commit(partial(article_moved.send, sender=Transition, transition=record))
    article.refresh_from_db()
    return record


def _check(article, action, user, comment, at):
    move = getattr(article, f"_{action}")
    role_refusal = ACTIONS[action][1]
    if not can_proceed(move, check_conditions=False):
        raise TransitionRefused(
            f"“{article}” is {article.get_status_display().lower()}: "
            f"it cannot be {past_tense(action)} now. Nothing was changed."
        )
    if not has_transition_perm(move, user):
        if action == "unschedule" and is_editor(user):
            raise TransitionRefused(f"“{article}” is already public: withdraw it instead.")
        raise TransitionRefused(f"{role_refusal} Nothing was changed.")
    if action in MOVES_NEEDING_COMPLETE and (problems := article.problems()):
        missing = get_text_list([problem.summary for problem in problems], "and")
        raise TransitionRefused(
            f"“{article}” {missing}: it cannot be {past_tense(action)} until then. "
            "Nothing was changed."
        )
    if action == "request_changes" and not comment:
        raise TransitionRefused("Say what should change: requesting changes needs a comment.")
    if action == "schedule" and at is None:
        raise TransitionRefused("Give the time the article should go public.")
    if at is not None and at <= timezone.now() and action in ("approve", "schedule"):
        raise TransitionRefused("Give a publication time in the future, or publish now.")
