"""Running it: the job queue and its kinds, rate limits, database faults, health checks,
middleware, the page cache and the responses every page gives alike."""
