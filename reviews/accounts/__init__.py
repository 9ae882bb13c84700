"""Accounts beyond Django's sign-in: password reset by e-mail and the staff second factor."""
