from django.urls import reverse

from reviews.models import Claim
from tests.helpers import HTMX, logged_in


def save(client, claim, version, text, attribution="the mayor", htmx=True):
    url = reverse("reviews:claim_wording", args=[claim.pk])
    data = {"version": version, "text": text, "attribution": attribution}
    return client.post(url, data, **(HTMX if htmx else {}))


def test_wording_form_loads_into_the_card(editor_client, claim):
    html = editor_client.get(reverse("reviews:claim_wording", args=[claim.pk]), **HTMX).content
    assert b"the bridge cost 12 million euros</textarea>" in html


def test_saving_the_wording_swaps_the_card(editor_client, claim):
    response = save(editor_client, claim, 1, "The bridge cost 12m euros", "Mayor Ada Finch")
    html = response.content.decode()
    assert "The bridge cost 12m euros</blockquote>" in html
    assert "Claimed by <strong>Mayor Ada Finch</strong>" in html
    claim.refresh_from_db()
    assert (claim.text, claim.attribution, claim.version) == (
        "The bridge cost 12m euros",
        "Mayor Ada Finch",
        2,
    )


def test_a_stale_wording_save_shows_theirs_and_keeps_mine(editor, claim):
    theirs, mine = logged_in(editor), logged_in(editor)
    save(theirs, claim, 1, "Their wording")
    response = save(mine, claim, 1, "My wording")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: eddie changed this claim" in html
    assert "Theirs: “Their wording”" in html and "My wording</textarea>" in html
    assert 'name="version" value="2"' in html  # saving again replaces theirs on purpose
    assert Claim.objects.get(pk=claim.pk).text == "Their wording"
    save(mine, claim, 2, "My wording")
    assert Claim.objects.get(pk=claim.pk).text == "My wording"


def test_empty_wording_is_refused(editor_client, claim):
    response = save(editor_client, claim, 1, "   ")
    assert response.status_code == 422
    assert "This field is required." in response.content.decode() or "needs some words" in (
        response.content.decode()
    )
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_readers_cannot_edit_wording(reader_client, claim):
    assert save(reader_client, claim, 1, "Mine").status_code == 403
    assert reader_client.get(reverse("reviews:claim_wording", args=[claim.pk])).status_code == 403
