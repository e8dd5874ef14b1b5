"""Settings of the webhook benchmark: the project's, plus a bare endpoint to compare with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.webhook_urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405  (one log line per request would dominate)
