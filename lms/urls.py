from django.conf import settings
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import views
from lms.accounts import views as account_views

urlpatterns = [
    path("api/v1/", include("lms.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/", include("lms.accounts.urls")),  # password reset: e-mail language, lockout lifted
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("workspace.urls")),
    path("", include("courses.urls")),
    path("", include("forums.urls")),
    path("", include("live.urls")),
    path("announcements/", include("announcements.urls")),
    path("", include("groupwork.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
