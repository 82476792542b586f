"""Tools that serve the app and measure it: `bench`, `load`, `scale`, `faults` and
`audit`, each run as `python -m scripts.<tool>` from the project's root (the Makefile's
targets do). They share `serving` (servers and throw-away databases) and `forms` (the one
HTML form parser), and ask the project's own code which questions a founder is asked and
what a result's snapshot holds, rather than working it out again.
"""
