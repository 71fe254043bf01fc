"""The article form as a place to write: what is still missing, said without refusing the save."""

from django.contrib import messages
from django.utils.text import get_text_list


def still_missing_message(article):
    """The sentence shown after saving an article that cannot go further yet, or None."""
    problems = article.problems()
    if not problems:
        return None
    missing = get_text_list([problem.summary for problem in problems], "and")
    return f"Saved. Before “{article}” can be submitted, approved or published: it {missing}."


class ArticleWritingAdmin:
    """Mixed into ArticleAdmin: drafts save in any state, and the form lists what they miss."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), "checklist": article.problems()}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if message := still_missing_message(form.instance):
            self.message_user(request, message, messages.WARNING)
