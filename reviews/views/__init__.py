"""Thin views of the review desk: load what the user may see, call one domain function,
render the partial (htmx) or redirect back (no JavaScript). No view module imports another:
what they share is in reviews/htmx.py and reviews/review_page.py."""
