"""Settings of the Micropub test site. Everything variable comes from the environment the
fixture sets: MICROPUB_STATE (folder for the database, posts and uploads), MICROPUB_BASE
(http://127.0.0.1:PORT), MICROPUB_SECRET_KEY."""

import os
from pathlib import Path

STATE = Path(os.environ["MICROPUB_STATE"])
BASE_URL = os.environ["MICROPUB_BASE"].rstrip("/")

SECRET_KEY = os.environ["MICROPUB_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "indieweb",
]
SITE_ID = 1
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    # django-indieweb's consent form needs Django's CSRF protection.
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "micropub_server.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": STATE / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
MEDIA_ROOT = STATE / "media"
MEDIA_URL = "/media/"
STATIC_URL = "/static/"

# The file store (storage.py); without it django-indieweb keeps nothing between requests.
INDIEWEB_MICROPUB_HANDLER = "micropub_server.storage.FileMicropubHandler"
# As a careful IndieAuth server: PKCE with S256 only.
INDIEWEB_REQUIRE_PKCE_S256 = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"file": {"class": "logging.FileHandler", "filename": STATE / "server.log"}},
    "root": {"handlers": ["file"], "level": "WARNING"},
}
