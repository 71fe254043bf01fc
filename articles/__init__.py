"""The publication: its articles and issues, the editorial workflow, search, the reader's site,
the admin, the archive import and the demo, each in a room of its own (see README, "What is
where")."""
