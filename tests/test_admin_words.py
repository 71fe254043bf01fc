"""The admin speaks the publication's language: one date format with its zone, states in
words, and third-party apps under human names."""

import pytest
from django.urls import reverse

from articles.models import Transition
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_times_in_admin_lists_are_written_the_publications_way_with_the_zone(editor_client):
    article = make_article("Dated")
    Transition.record(article, Transition.Action.CORRECT, by=None, comment="x")
    listing = editor_client.get(reverse("admin:articles_transition_changelist")).text
    assert "2 December 2026, 12:00 (UTC)" in listing
    assert "p.m." not in listing and "Dec. 2" not in listing


def test_workflow_log_names_states_in_words(editor_client, editor):
    article = make_article("Sent Back", status="in_review", authors=[editor.author])
    article.request_changes(by=editor, comment="Shorter, please.")
    listing = editor_client.get(reverse("admin:articles_transition_changelist")).text
    assert '<td class="field-to_words">Changes requested</td>' in listing
    assert '<td class="field-from_words">In review</td>' in listing
    assert "changes_requested</td>" not in listing
    assert "Changes requested</a>" in listing  # the filter offers the states in words too


def test_third_party_apps_have_human_names(admin_client):
    page = admin_client.get(reverse("admin:index")).text
    for name in ("Sign-in attempts", "Two-factor devices", "Background tasks"):
        assert name in page
    for package in ("Axes", "OTP_TOTP", "Tasks Database Backend"):
        assert f">{package}<" not in page
