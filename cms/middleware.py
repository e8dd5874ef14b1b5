"""The reader's language, with the public pages' addresses carrying theirs.

French pages live at unprefixed addresses (``/actualites/``), English pages under
``/en/`` (``i18n_patterns`` with ``prefix_default_language=False``). Django's own
middleware would then force French on every unprefixed address, and so on the
whole application (dashboard, missions...), which reads the language from the
reader's choice (cookie) or browser. This one keeps that choice everywhere, and
only for an unprefixed address that is a French page (it does not resolve in the
reader's language) renders French and remembers the preference: the page hook
(cms.wagtail_hooks) then sends the reader to the page's translation.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        language = translation.get_language_from_request(request, check_path=True)
        in_path = translation.get_language_from_path(request.path_info)
        translation.activate(language)
        if not in_path and language != settings.LANGUAGE_CODE:
            try:
                resolve(request.path_info, urlconf)
            except Resolver404:
                # a French page's address: French text, the reader's wish kept
                request.preferred_language = language
                language = settings.LANGUAGE_CODE
                translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
