"""The question bank as stored: the published and draft banks built from the database,
versions published and restored, past results replayed, and the distinct answer sets
results share."""
