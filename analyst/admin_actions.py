"""Buttons on an admin change form that act on the object keep what was typed above them."""

from django.contrib.admin import ActionLocation, helpers

ACTION_FIELD = f"{ActionLocation.CHANGE_FORM.value}-action"


class SaveEditsBeforeActionsMixin:
    """Save the form's unsaved edits first when a change-form action is pressed.

    Django runs an action placed on the change form without looking at the form around it,
    so an author who adds a teaser and presses *Submit for review* would lose the teaser.
    Here the edits are saved as if *Save and continue editing* had been pressed; if they do
    not validate, the form comes back with its errors and the action is not run.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and self._is_action(request):
            obj = self.get_object(request, object_id)
            if obj is not None and self._has_unsaved_edits(request, obj):
                action_post = request.POST
                request.POST = self._as_save(action_post)
                response = super().changeform_view(request, object_id, form_url, extra_context)
                request.POST = action_post
                if response.status_code != 302:
                    return response  # the edits did not validate: show them with their errors
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _is_action(self, request):
        return ACTION_FIELD in request.POST and helpers.ACTION_CHECKBOX_NAME in request.POST

    def _has_unsaved_edits(self, request, obj):
        if not self.has_change_permission(request, obj):
            return False
        fieldsets = self.get_fieldsets(request, obj)
        fields = [f for _, options in fieldsets for f in _flatten(options.get("fields", ()))]
        form = self.get_form(request, obj, change=True, fields=fields)(
            request.POST, request.FILES, instance=obj
        )
        required = [name for name, field in form.fields.items() if field.required]
        if not all(form.add_prefix(name) in request.POST for name in required):
            return False  # the action came without the form (a bulk move, a script)
        if form.has_changed():
            return True
        formsets, _ = self._create_formsets(request, obj, change=True)
        return any(formset.has_changed() for formset in formsets)

    def _as_save(self, post):
        saving = post.copy()
        for name in (ACTION_FIELD, "CHANGE_FORM-select_across", helpers.ACTION_CHECKBOX_NAME):
            saving.pop(name, None)
        saving["_continue"] = "1"
        return saving


def _flatten(fields):
    for field in fields:
        if isinstance(field, (list, tuple)):
            yield from field
        else:
            yield field
