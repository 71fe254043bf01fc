from django.conf import settings
from django.db import models


def account_that_acted():
    """A field naming the account that did something; it empties if the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )


class SiteSettings(models.Model):
    """The publication's own words: one row, edited in the admin."""

    name = models.CharField(
        max_length=120,
        default="Analyst",
        help_text="The publication's name, as it appears in the masthead and in every byline.",
    )
    tagline = models.CharField(
        max_length=200, blank=True, help_text="One line under the name in the masthead."
    )
    about = models.TextField(
        blank=True, help_text="Who publishes the publication and for whom; shown in the footer."
    )
    newsletter_pitch = models.CharField(
        max_length=200,
        blank=True,
        default="Sign up to receive each issue by email.",
        help_text="One line above the newsletter signup box.",
    )
    staff_publications_shown = models.PositiveSmallIntegerField(
        default=6, help_text="How many staff publications the sidebar lists."
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings
