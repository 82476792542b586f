"""What the admin learns: analytics over a period, the funnel, periods and their bars, and
CSV exports."""
