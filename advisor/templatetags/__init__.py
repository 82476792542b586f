"""Template tags and filters of the advisor's pages."""
