"""A completed result: the snapshot of its facts, the presenters that turn it into a page,
its permanent page, and two results side by side."""
