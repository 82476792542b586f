"""Deciding with co-founders: starting and joining a team decision, the team page and
settling a disagreement."""
