"""Spanish number formats (see formats.py)."""
