"""Benchmarks: run as modules from the repository root (`python -m bench.review_page`),
or all of them with `make bench`."""
