"""The dashboard (queue, counts, charts) and each editor's queue."""
