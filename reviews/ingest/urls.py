from django.urls import path

from reviews.ingest import views

app_name = "ingest"
urlpatterns = [
    path("articles/new/", views.article_import, name="article_import"),
    path("articles/<int:pk>/new-version/", views.article_new_version, name="article_new_version"),
    path("articles/<int:pk>/prepare/", views.article_prepare, name="article_prepare"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("imports/<int:pk>/retry/", views.import_job_retry, name="import_job_retry"),
]
