"""`manage.py` commands: seeding, checking cases, exporting the bank, purging, the job worker."""
