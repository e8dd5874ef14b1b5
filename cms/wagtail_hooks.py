"""A reader whose language is English, arriving on a French page's address, is sent
to the page's English translation (see cms.middleware)."""

from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page


@hooks.register("before_serve_page")
def send_to_preferred_translation(page, request, serve_args, serve_kwargs):
    preferred = getattr(request, "preferred_language", None)
    if not preferred or page.locale.language_code == preferred:
        return None
    translation = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale__language_code=preferred)
        .first()
    )
    if translation is None:
        return None
    return redirect(translation.get_url(request))
