"""Undo the editor's last action on an article (the `u` key and the toast's Undo button)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from reviews import review_page, undo
from reviews.htmx import HtmxHttpRequest, partial_or_redirect, refuse, require_reviewer
from reviews.models import Article, ClaimEditRefused, StaleEdit

CHANGED = gettext_lazy("The claim changed while undoing, so nothing was undone. Look again.")


@require_POST
def undo_last(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """POST batch=<id> (optional): the action the editor was shown; without it, the last."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    back = article.get_absolute_url()
    try:
        action, claims = undo.undo_last(
            article_id=article.pk, editor=request.user, batch=request.POST.get("batch", "")
        )
    except ClaimEditRefused as refused:
        return refuse(request, str(refused), back=back, status=409)
    except StaleEdit:
        return refuse(request, CHANGED, back=back, status=409)
    message = f"Undone: {action.label}."
    if action.merge:
        answer = lambda: reswap(  # noqa: E731
            retarget(review_page.render_body(request, article.pk, message), "#review-body"),
            "outerHTML",
        )
    else:
        answer = lambda: reswap(  # noqa: E731
            review_page.render_cards(
                request, article.pk, changed=claims, pending={}, announcement=message
            ),
            "none",
        )
    return partial_or_redirect(request, answer, message=message, back=back)
