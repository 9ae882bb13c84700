from django.http import HttpRequest

from reviews.models import can_review


def roles(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"user_can_review": bool(user and can_review(user))}
