"""URLs for the search page and claim matching; joined into the reviews namespace by urls.py."""

from django.urls import path

from reviews import search_views

urlpatterns: list = [
    path("search/", search_views.search_page, name="search"),
    path("claims/<int:pk>/similar/", search_views.similar_claims, name="similar_claims"),
    path("claims/<int:pk>/same-as/", search_views.claim_same_as, name="claim_same_as"),
]
