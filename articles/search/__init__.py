"""Search: the index kept in step with the articles, querying with facets, and snippets."""
