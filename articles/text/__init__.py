"""Text: article HTML as plain text, teasers, the editor's rich text and its sanitizer, dates."""
