"""The test site: a home page naming the endpoints, a login form, the posts, and django-indieweb."""

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve
from micropub_server.storage import load_entry

MICROPUB = "/indieweb/micropub/"
AUTH = "/indieweb/auth/"
TOKEN = "/indieweb/token/"
METADATA = "/indieweb/auth/metadata/"


def home(request: HttpRequest) -> HttpResponse:
    """Endpoints as <link> elements, the way most IndieWeb sites announce them."""
    return HttpResponse(
        "<!doctype html><html><head><title>BlogDesk Micropub test site</title>"
        f'<link rel="micropub" href="{MICROPUB}">'
        f'<link rel="authorization_endpoint" href="{AUTH}">'
        f'<link rel="token_endpoint" href="{TOKEN}">'
        "</head><body><h1>Test site</h1></body></html>"
    )


def header_only(request: HttpRequest) -> HttpResponse:
    """Endpoints only in HTTP Link headers, with IndieAuth metadata instead of the old rels."""
    response = HttpResponse("<!doctype html><title>Links in headers</title><p>Nothing here.")
    base = settings.BASE_URL
    response["Link"] = (
        f'<{base}{MICROPUB}>; rel="micropub", <{base}{METADATA}>; rel="indieauth-metadata"'
    )
    return response


@csrf_exempt
def login_view(request: HttpRequest) -> HttpResponse:
    """The site's own sign-in, as a browser would use it (tests post the form)."""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST.get("username"), password=request.POST.get("password")
        )
        if user is None:
            return HttpResponse("wrong user name or password", status=403)
        login(request, user)
        return HttpResponse("signed in")
    return HttpResponse('<form method="post"><input name="username"><input name="password"></form>')


def post_page(request: HttpRequest, slug: str) -> HttpResponse:
    entry = load_entry(slug)
    if entry is None:
        raise Http404(slug)
    props = entry["properties"]
    name = escape((props.get("name") or [""])[0])
    content = (props.get("content") or [""])[0]
    if isinstance(content, dict):
        html = content.get("html", escape(content.get("value", "")))
    else:
        html = escape(content)
    return HttpResponse(
        f'<!doctype html><article class="h-entry"><h1 class="p-name">{name}</h1>'
        f'<div class="e-content">{html}</div></article>'
    )


urlpatterns = [
    path("", home),
    path("header-only/", header_only),
    path("login/", login_view),
    path("posts/<slug:slug>/", post_page),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    path("indieweb/", include("indieweb.urls")),
]
