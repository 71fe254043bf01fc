"""What readers get: pages, feeds, sitemaps, old addresses, the read counter, related articles,
citations, and what every page shows around its content."""
