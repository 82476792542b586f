"""English dates as the site has always written them: 3 December 2026."""

DATE_FORMAT = "j F Y"
