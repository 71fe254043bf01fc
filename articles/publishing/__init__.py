"""Publishing: notifications of the workflow's moves, issues (pre-flight and publication),
previews, revisions and the editor's desk."""
