"""Hiring Advisor: the one Django app. Its folders, one per domain, are listed in the README."""
