from django import forms

from .addresses import validate_address

CONSENT_LINE = (
    "I agree to receive the newsletter by email. I can unsubscribe at any time "
    "with the link in every issue."
)
SOURCES = {"footer": "signup box", "page": "signup page", "again": "request a new link"}


def normalise_email(value):
    """Trim the address and lowercase it: we treat addresses case-insensitively throughout."""
    return value.strip().lower()


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.org"}),
    )
    # A field people never see: a bot that fills every input gives itself away.
    website = forms.CharField(required=False, label="Leave this empty")
    source = forms.ChoiceField(choices=SOURCES.items(), required=False)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        validate_address(email)
        return email

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    @property
    def source_label(self):
        return SOURCES.get(self.cleaned_data.get("source") or "page", SOURCES["page"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="One address per row, in a column named “email” (other columns are ignored).",
    )
    consent_confirmed = forms.BooleanField(
        label="Every address in this file asked for this newsletter and confirmed it "
        "(for example, on our previous mailing system).",
        help_text="Imported addresses are subscribed without a confirmation email; "
        "import only addresses whose consent you hold.",
    )
    source = forms.CharField(
        label="Where the list comes from",
        max_length=150,
        help_text="Recorded with each address as its consent, e.g. “old list, exported 2026-11”.",
    )
