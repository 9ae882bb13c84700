from django.urls import path

from reviews.exports import views

app_name = "exports"
urlpatterns = [
    path("articles/<int:pk>/report/", views.article_report, name="article_report"),
    path(
        "articles/<int:pk>/report.md", views.article_report_markdown, name="article_report_markdown"
    ),
    path(
        "articles/<int:pk>/claimreview.json", views.article_claimreview, name="article_claimreview"
    ),
    path("articles/<int:pk>/claims.csv", views.article_claims_csv, name="article_claims_csv"),
    path("claims/<int:pk>/claimreview.json", views.claim_claimreview, name="claim_claimreview"),
    path("exports/", views.exports_page, name="exports"),
    path("exports/reviewed.csv", views.reviewed_claims_csv, name="reviewed_claims_csv"),
]
