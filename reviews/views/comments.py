"""A claim's discussion thread: post, edit and withdraw comments (reviews/comments.py).

The form comes under the card (like the wording form); every save answers with the card,
its thread redrawn. A refused save keeps the typed text in the form, with the reason.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from reviews import agreement, comments, review_page
from reviews.htmx import HtmxHttpRequest, partial_or_redirect, refuse, require_reviewer
from reviews.models import Claim, Comment

FORM_TEMPLATE = "reviews/comment_form.html"


def form_response(request: HtmxHttpRequest, context: dict, status: int = 200) -> HttpResponse:
    """The form under the card (htmx) or on a page of its own; a refused save replaces
    only the form, so the card stays as it was."""
    if not request.htmx:
        return render(request, FORM_TEMPLATE, context, status=status)
    response = render(request, f"{FORM_TEMPLATE}#form", context, status=status)
    if status != 200:
        response = reswap(retarget(response, f"#{context['form_id']}"), "outerHTML")
    return response


def claim_for_thread(request: HtmxHttpRequest, pk: int) -> Claim:
    require_reviewer(request)
    return get_object_or_404(Claim.objects.select_related("article"), pk=pk)


def saved(request: HtmxHttpRequest, claim: Claim, message: str) -> HttpResponse:
    return partial_or_redirect(
        request,
        lambda: review_page.render_card(request, claim, message=message, redraw="none"),
        message=message.replace("Claim {number}: ", ""),
        back=f"{claim.get_absolute_url()}",
    )


def blind_refusal(request: HtmxHttpRequest, claim: Claim) -> HttpResponse | None:
    if agreement.blind_for(claim.article, request.user):
        message = _("The discussion opens once you have given your second review.")
        return refuse(request, message, back=claim.article.get_absolute_url(), status=403)
    return None


@require_http_methods(["GET", "POST"])
def comment_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = claim_for_thread(request, pk)
    if refused := blind_refusal(request, claim):
        return refused
    context = {"claim": claim, "form_id": f"comment-form-{claim.pk}", "text": ""}
    if request.method == "GET":
        return form_response(request, context)
    text = request.POST.get("text", "")
    try:
        comments.post_comment(claim=claim, author=request.user, text=text)
    except comments.CommentRefused as error:
        return form_response(request, context | {"text": text, "error": str(error)}, 422)
    return saved(request, claim, "Claim {number}: comment posted.")


def own_comment(request: HtmxHttpRequest, pk: int) -> Comment:
    require_reviewer(request)
    return get_object_or_404(Comment.objects.select_related("claim__article"), pk=pk)


@require_http_methods(["GET", "POST"])
def comment_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = own_comment(request, pk)
    claim = comment.claim
    if refused := blind_refusal(request, claim):
        return refused
    context = {
        "claim": claim,
        "comment": comment,
        "form_id": f"comment-edit-{comment.pk}",
        "text": comment.text,
    }
    try:
        comments.editable(comment, request.user)
    except comments.CommentRefused as error:
        return refuse(request, str(error), back=claim.get_absolute_url(), status=403)
    if request.method == "GET":
        return form_response(request, context)
    text = request.POST.get("text", "")
    try:
        comments.edit_comment(comment=comment, editor=request.user, text=text)
    except comments.CommentRefused as error:
        return form_response(request, context | {"text": text, "error": str(error)}, 422)
    return saved(request, claim, "Claim {number}: comment edited.")


@require_POST
def comment_withdraw(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    comment = own_comment(request, pk)
    try:
        comments.withdraw_comment(comment=comment, editor=request.user)
    except comments.CommentRefused as error:
        return refuse(request, str(error), back=comment.claim.get_absolute_url(), status=403)
    return saved(request, comment.claim, "Claim {number}: comment withdrawn.")
