"""The app's URLs plus /bench/bare/: a view returning a fixed string through the same
middleware (session, auth, CSRF, CSP), the limit of the stack the other figures are set
against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from factcheck.urls import handler403, handler500  # noqa: F401  (the app's error pages)
from factcheck.urls import urlpatterns as app_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
