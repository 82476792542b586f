"""The advice itself, pure Python with no database: the question bank as plain data and its
rules, the scoring that follows the article's checklist, where a founder is in the
wizard, the founder cases the advice must get right, and what a team's answers add up
to."""
