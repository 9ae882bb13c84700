"""The public report and the downloads: ClaimReview JSON-LD, CSV and Markdown."""
