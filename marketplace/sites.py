"""The Sites framework's site: Ouvrage's name and its real domain.

allauth names the site in its e-mails ("Welcome to {site_name}", the
confirmation link's domain). Django's own migration creates it as
"example.com"; this step, run after every migrate, makes it say "Ouvrage" and
the host of SITE_URL.
"""

from urllib.parse import urlsplit

from django.conf import settings

SITE_NAME = "Ouvrage"


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL, e.g. "ouvrage.coop"."""
    return urlsplit(settings.SITE_URL).netloc or "127.0.0.1"


def sync_site(**kwargs) -> None:
    """Give SITE_ID's site Ouvrage's name and SITE_URL's domain (idempotent)."""
    from django.contrib.sites.models import Site  # why: models load after apps

    using = kwargs.get("using", "default")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": SITE_NAME, "domain": site_domain()[:100]},
    )
    Site.objects.clear_cache()
