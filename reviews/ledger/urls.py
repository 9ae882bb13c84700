from django.urls import path

from reviews.ledger import views

app_name = "ledger"
urlpatterns = [
    path("evidence/<int:pk>/archive/", views.evidence_archive, name="evidence_archive"),
    path("evidence/<int:pk>/archive/again/", views.archive_again, name="archive_again"),
    path("snapshots/<int:pk>/", views.snapshot_page, name="snapshot"),
]
