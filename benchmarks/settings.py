"""Settings of the benchmarks: the project's, plus a bare view to compare with.

Production mode (DEBUG=0) without the HTTPS redirect and without the static
manifest (no collectstatic needed); one log line per request would dominate.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
