"""The app's URLs plus two anchors through the same middleware (session, auth, CSRF, CSP):
/bench/bare/, a view returning a fixed string, the limit of the stack for a read; and
/bench/bare-write/, the least a verdict save can cost: one transaction with the same
conditional UPDATE of the claim and one INSERT of a history row, and a tiny answer."""

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from factcheck.urls import handler403, handler500  # noqa: F401  (the app's error pages)
from factcheck.urls import urlpatterns as app_urlpatterns
from reviews.models import Claim, VerdictRecord


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def bare_write(request: HttpRequest) -> HttpResponse:
    """POST claim, version, verdict, note: saved only if the version still matches."""
    claim_id, version = int(request.POST["claim"]), int(request.POST["version"])
    verdict, note, now = request.POST["verdict"], request.POST.get("note", ""), timezone.now()
    with transaction.atomic():
        updated = Claim.objects.filter(pk=claim_id, version=version).update(
            verdict=verdict, note=note, version=F("version") + 1, updated_at=now
        )
        if updated:
            VerdictRecord.objects.create(
                claim_id=claim_id,
                editor=request.user,
                verdict=verdict,
                note=note,
                created_at=now,
                claim_version=version + 1,
            )
    return HttpResponse(str(version + 1) if updated else "stale", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("bench/bare-write/", bare_write), *app_urlpatterns]
