from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reviews.accounts.forms import ChangePasswordForm, PasswordResetRequestForm, ResetPasswordForm

# The core desk first, then each leaf of reviews in its own namespace; paths are unchanged.
urlpatterns = [
    path("", include("reviews.urls")),
    path("", include("reviews.ingest.urls")),
    path("", include("reviews.search.urls")),
    path("", include("reviews.exports.urls")),
    path("", include("reviews.dashboard.urls")),
    path("", include("reviews.accounts.urls")),
    path("", include("reviews.ledger.urls")),
    path("", include("reviews.notifications.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(
            form_class=ChangePasswordForm, template_name="registration/password_change.html"
        ),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_done.html"
        ),
        name="password_change_done",
    ),
    # Password reset by e-mail: the same answer whether or not the address has an account.
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=ResetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
]

handler403 = "reviews.views.system.permission_denied"
handler500 = "reviews.views.system.server_error"
