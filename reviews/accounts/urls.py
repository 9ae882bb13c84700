from django.urls import path

from reviews.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/two-factor/", views.two_factor_page, name="two_factor"),
    path("accounts/language/", views.choose_language, name="language"),
]
