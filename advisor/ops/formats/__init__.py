"""The site's own number formats, where they differ from Django's for a language
(FORMAT_MODULE_PATH): each language's module sets only what differs, and Django's own
formats give the rest."""
