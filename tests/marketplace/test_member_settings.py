"""Settings (e-mails, language, time zone), the time zone applied per request,
and the site the sign-up e-mail names."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from marketplace.forms import time_zone_label
from marketplace.models import Member
from marketplace.sites import site_domain, sync_site

pytestmark = pytest.mark.django_db


def MemberTimeZoneMiddleware(get_response):
    """The time zone middleware the project registers (wherever it lives)."""
    path = next(name for name in settings.MIDDLEWARE if "TimeZone" in name)
    return import_string(path)(get_response)


def test_settings_page_saves_language_and_time_zone(expert_client, expert):
    page = expert_client.get(reverse("email_preferences"))
    assert page.status_code == 200
    assert "Paris (Europe)" in page.content.decode()
    response = expert_client.post(
        reverse("email_preferences"),
        {"language": "en", "time_zone": "America/Montreal"},
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    expert.refresh_from_db()
    assert (expert.language, expert.time_zone) == ("en", "America/Montreal")


def test_unknown_time_zone_is_refused_and_nothing_changes(expert_client, expert):
    response = expert_client.post(
        reverse("email_preferences"), {"language": "en", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    expert.refresh_from_db()
    assert (expert.language, expert.time_zone) == ("fr", "Europe/Paris")


def test_member_time_zone_is_active_during_their_requests(rf, expert):
    expert.time_zone = "Asia/Tokyo"
    expert.save(update_fields=["time_zone"])
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        noon_utc = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
        seen["shown"] = Template("{{ t|time:'H:i' }}").render(Context({"t": noon_utc}))
        return None

    request = rf.get("/")
    request.user = expert.user
    MemberTimeZoneMiddleware(view)(request)
    assert seen == {"zone": "Asia/Tokyo", "shown": "21:00"}
    # and nothing leaks into the next request
    assert timezone.get_current_timezone_name() == "Europe/Paris"


def test_visitors_see_paris_time(rf):
    from django.contrib.auth.models import AnonymousUser

    seen = {}
    request = rf.get("/")
    request.user = AnonymousUser()
    MemberTimeZoneMiddleware(
        lambda r: seen.setdefault("zone", timezone.get_current_timezone_name())
    )(request)
    assert seen["zone"] == "Europe/Paris"


def test_new_members_default_to_paris(expert):
    assert Member.objects.get(pk=expert.pk).time_zone == "Europe/Paris"


def test_time_zone_labels_put_the_city_first():
    assert time_zone_label("Europe/Paris") == "Paris (Europe)"
    assert time_zone_label("America/Argentina/Buenos_Aires") == (
        "Buenos Aires (America, Argentina)"
    )


@override_settings(SITE_URL="https://ouvrage.example.coop")
def test_sign_up_email_names_ouvrage_and_the_real_domain(client):
    sync_site()
    assert Site.objects.get_current().name == "Ouvrage"
    client.post(
        reverse("account_signup"),
        {
            "email": "lea.martin@example.org",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
            "display_name": "Léa Martin",
            "community": "expert",
        },
    )
    message = mail.outbox[-1]
    text = message.subject + message.body
    assert "Ouvrage" in message.body
    assert "ouvrage.example.coop" in message.body
    assert "example.com" not in text


def test_site_is_ouvrage_after_migrate():
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Ouvrage", site_domain())
