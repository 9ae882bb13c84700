"""URLs for the exports pages; joined into the reviews namespace by reviews/urls.py."""

from django.urls import path

from reviews import export_views

urlpatterns: list = [
    path("articles/<int:pk>/report/", export_views.article_report, name="article_report"),
    path(
        "articles/<int:pk>/report.md",
        export_views.article_report_markdown,
        name="article_report_markdown",
    ),
    path(
        "articles/<int:pk>/claimreview.json",
        export_views.article_claimreview,
        name="article_claimreview",
    ),
    path(
        "articles/<int:pk>/claims.csv", export_views.article_claims_csv, name="article_claims_csv"
    ),
    path(
        "claims/<int:pk>/claimreview.json",
        export_views.claim_claimreview,
        name="claim_claimreview",
    ),
    path("exports/", export_views.exports_page, name="exports"),
    path("exports/reviewed.csv", export_views.reviewed_claims_csv, name="reviewed_claims_csv"),
]
