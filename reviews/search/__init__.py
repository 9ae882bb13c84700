"""Search over articles and claims, and the "checked before?" similar-claim matching."""
