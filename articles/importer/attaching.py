"""The files an imported item brings, put on its article: kept when unchanged, links pointed
at them. Part of the Writer, which keeps `dry_run`, `_files` (to delete on a rollback) and
`_facts` (for the report)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from analyst.documents import validate_document

from ..models import STRUCTURED_PARTS, Article, Attachment
from .errors import describe

HTML_FIELDS = {"body", *STRUCTURED_PARTS}


class AttachingMixin:
    def _set_attachments(self, article, item):
        """Bring the item's files; return whether those on the article changed."""
        kept = {file.imported_from: file for file in article.attachments.exclude(imported_from="")}
        wanted, changed = [], False
        for position, source in enumerate(self._acceptable(item)):
            current = kept.pop(source.found_at, None)
            if current is None or current.size != len(source.content):
                if current is not None:
                    current.delete()
                current = self._attach(article, source, position)
                changed = True
            wanted.append((source, current))
        for stale in kept.values():
            stale.delete()
            changed = True
        self._facts["attachments"] = [f"{source.title} ({source.name})" for source, _ in wanted]
        self._link_to_files(article, wanted)
        return changed

    def _acceptable(self, item):
        for source in item.attachments:
            try:
                validate_document(ContentFile(source.content, name=source.name))
            except ValidationError as error:
                item.warnings.append(f"the file {source.name} was left out: {describe(error)}")
                continue
            yield source

    def _attach(self, article, source, position):
        attachment = Attachment(
            article=article,
            title=source.title[:300],
            position=position,
            imported_from=source.found_at,
        )
        if self.dry_run:
            return attachment
        attachment.file.save(source.name, ContentFile(source.content), save=False)
        self._files.append(attachment.file)
        attachment.save()
        return attachment

    def _link_to_files(self, article, wanted):
        """Point the text's links to old-site PDFs at the files now on the article."""
        links = {href: file for source, file in wanted if file.pk for href in source.hrefs}
        if not links:
            return
        fields = {}
        for name in HTML_FIELDS:
            text = getattr(article, name)
            for href, file in links.items():
                text = text.replace(f'href="{href}"', f'href="{file.get_absolute_url()}"')
            if text != getattr(article, name):
                fields[name] = text
        if fields:
            Article.objects.filter(pk=article.pk).update(**fields)
