"""Public pages, dashboard, healthz, i18n and the no-third-party promise."""

import re

import polib
import pytest
from django.urls import reverse

from marketplace.services import notify
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db

THIRD_PARTY = re.compile(
    r"""(?:src|href|action)=["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)"""
)


def test_home_page_is_served_by_wagtail_in_french(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "cms/home_page.html"
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Entreprises et experts, sans commission" in html
    assert "aucune commission" in html


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/governance/rules/", "/api/docs/"],
)
def test_pages_make_no_third_party_request_and_have_landmarks(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert not THIRD_PARTY.search(html), THIRD_PARTY.search(html)
    if path != "/api/docs/":
        for landmark in (
            'role="banner"',
            "<main",
            'role="contentinfo"',
            'href="#main"',
        ):
            assert landmark in html


def test_form_fields_have_labels(client):
    html = client.get("/accounts/signup/").content.decode()
    checked = []
    for field_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', html):
        if 'type="hidden"' in html.split(f'id="{field_id}"')[0].rsplit("<input", 1)[-1]:
            continue
        assert f'for="{field_id}"' in html, field_id
        checked.append(field_id)
    assert {"id_email", "id_password1"} <= set(checked), checked


def test_english_switch_translates_pages(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    # the French home's address sends an English reader to the English home (/en/)
    html = client.get("/", follow=True).content.decode()
    assert '<html lang="en">' in html
    assert "Companies and experts, without commission" in html
    assert "no commission on missions" in html


def test_browser_language_english_is_honoured(client):
    html = client.get(
        "/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9", follow=True
    ).content.decode()
    assert '<html lang="en">' in html


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_dashboard_shows_member_and_notifications(client):
    expert = ExpertFactory(display_name="Hugo Blanc")
    notify(member=expert, kind="account.welcome", title="Bienvenue Hugo")
    client.force_login(expert.user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bonjour Hugo Blanc" in html
    assert "Bienvenue Hugo" in html


def test_notification_email_respects_preferences(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    expert = ExpertFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(member=expert, kind="account.welcome", title="Premier")
    assert len(mailoutbox) == 1 and "Premier" in mailoutbox[0].subject
    client.force_login(expert.user)
    client.post(reverse("email_preferences"), {"platform.announcement": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        notify(member=expert, kind="account.welcome", title="Second")
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        notify(member=expert, kind="platform.announcement", title="Annonce")
    assert len(mailoutbox) == 2


def test_healthz_reports_database_channel_layer_and_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "channel_layer": "ok",
        "version": "0.1.0",
        "status": "ok",
    }


PROJECT_APPS = ["core", "config", "marketplace", "billing", "missions", "governance"]


@pytest.mark.parametrize(
    "app", [*PROJECT_APPS, "messaging", "cms", "transparency", "spaces"]
)
def test_french_catalogue_is_complete(app, settings):
    path = settings.BASE_DIR / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    if not path.exists():
        pytest.fail(f"{app} has no French catalogue")
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries(), [
        e.msgid for e in catalogue.untranslated_entries()
    ][:10]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()][
        :10
    ]


def test_one_french_text_per_source_text(settings):
    """Django merges every app's catalogue into one: a source text translated
    two ways in two apps shows one of them everywhere (the staff menu read
    « Salaires », the costs' category). A text that means two things takes a
    context (pgettext) in one of the apps."""
    translations = {}
    for app in [*PROJECT_APPS, "messaging", "cms", "transparency", "spaces"]:
        path = settings.BASE_DIR / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                key = (entry.msgctxt, entry.msgid)
                translations.setdefault(key, {}).setdefault(entry.msgstr, []).append(
                    app
                )
    clashes = {
        f"{context or ''}|{text}": found
        for (context, text), found in translations.items()
        if len(found) > 1
    }
    assert not clashes, clashes


def test_notification_email_is_plain_text_without_html_escapes(
    mailoutbox, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(display_name="Zoé O'Brien")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            member=expert, kind="account.welcome", title="L'offre n'est plus <ouverte>"
        )
    body = mailoutbox[0].body
    assert "L'offre n'est plus <ouverte>" in body
    assert "Zoé O'Brien" in body
    assert "&#x27;" not in body and "&lt;" not in body
