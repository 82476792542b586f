"""A founder answering: the landing page and the steps, the draft kept for this browser,
and the writes that record an answer, copy a result's answers and complete a result."""
