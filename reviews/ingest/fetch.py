"""The guarded fetcher moved to the core (reviews/fetch.py): the evidence ledger fetches
cited pages through it too. Kept here so existing imports keep working."""

from reviews.fetch import FetchedPage, FetchRefused, fetch_page, public_address

__all__ = ["FetchRefused", "FetchedPage", "fetch_page", "public_address"]
