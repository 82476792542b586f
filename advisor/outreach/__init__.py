"""Beyond the page: email, signed webhooks, consented follow-up, embedding in other sites,
where founders came from, and links that carry a draft elsewhere."""
