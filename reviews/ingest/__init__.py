"""Bringing articles in: paste, upload, URL and command; claim proposals on the new text."""
