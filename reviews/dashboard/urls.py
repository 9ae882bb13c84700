from django.urls import path

from reviews.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("queue/", views.my_queue, name="my_queue"),
]
