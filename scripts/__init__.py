"""Operational scripts and build steps, run as modules from the repository root
(`python -m scripts.prodlike`, `make train-claim-model`)."""
