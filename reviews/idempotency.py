"""One change per form, however often it is sent (double clicks, a retry after a timeout).

Forms that create rows carry a one-time key (`{% submission_key %}`); the view claims it in
the transaction of the write. A second request with the same key finds it taken and is
answered "already saved" instead of making a twin. Concurrent twins wait on the unique
index until the first commits, then see the key.
"""

from __future__ import annotations

import re
import uuid

from django.db import IntegrityError, transaction

from reviews.models import Submission

KEY = re.compile(r"^[0-9a-f]{32}$")


def new_key() -> str:
    return uuid.uuid4().hex


def first_submission(key: str, user) -> bool:
    """Claim the key inside the caller's transaction; False when it was already used.

    A missing or malformed key (a script, a page from before keys existed) is let through.
    """
    if not KEY.match(key or ""):
        return True
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            Submission.objects.create(key=key, user=user)
    except IntegrityError:
        return False
    return True
