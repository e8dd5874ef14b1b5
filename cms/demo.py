"""The demo's public site in French and English (called by seed_demo, after the
other apps' demos, so that the charter and decisions show their motions and the
sealed months have their reports)."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Locale, Page

from marketplace.demo import email_for
from marketplace.models import ExpertProfile, Member, PublicationStatus

from . import demo_content as content
from .demo_reports import seed_reports
from .home_content import BODY_EN, BODY_FR
from .models import (
    Chapter,
    CharterPage,
    ContactFormField,
    ContactPage,
    DecisionsPage,
    FaqPage,
    HomePage,
    HowItWorksPage,
    NewsIndexPage,
    NewsPage,
    StoryPage,
)
from .setup import ensure_home_page

# the pages a visitor finds in the menu
IN_MENU = {"news", "charter", "decisions", "story", "faq"}
# experts of the marketplace demo who show a public card (Élodie under her alias)
PUBLIC_CARDS = ["camille", "elodie"]


def seed(ctx=None) -> None:
    pages = build_site()
    public_cards_on(PUBLIC_CARDS)
    story_chapters(pages["story"], content.CHAPTERS)
    seed_reports()


def story_chapters(story, chapters) -> None:
    """Léa's story's demo chapters: published ones and one waiting for moderation."""
    for handle, signature, pen_name, title, text, published in chapters:
        author = Member.objects.filter(user__email=email_for(handle)).first()
        if author is None or story.chapters().filter(title=title).exists():
            continue
        Chapter.objects.create(
            story_key=story.translation_key,
            author=author,
            signature=signature,
            pen_name=pen_name,
            title=title,
            text=text,
            state=Chapter.State.PUBLISHED if published else Chapter.State.SUBMITTED,
            published_at=timezone.now() if published else None,
        )


def public_cards_on(handles) -> None:
    for handle in handles:
        profile = ExpertProfile.objects.filter(
            member__user__email=email_for(handle), status=PublicationStatus.PUBLISHED
        ).first()
        if profile is None:
            continue
        profile.public_card = True
        profile.save(update_fields=["public_card", "updated_at"])
        profile.experiences.filter(status=PublicationStatus.PUBLISHED).update(
            on_public_card=True
        )


def build_site() -> dict[str, Page]:
    """Every demo page, French first then its English translation; returns the French
    pages by name. Idempotent: a page already there (by slug) is kept."""
    ensure_home_page()
    french_home = HomePage.objects.get(locale__language_code="fr")
    english = Locale.objects.get(language_code="en")
    pages: dict[str, Page] = {"home": french_home}

    def add(name, parent, model, texts, **fr_extra):
        fr, en = texts["fr"], texts["en"]
        existing = parent.get_children().filter(slug=fr["slug"]).first()
        if existing is not None:
            pages[name] = existing.specific
            return pages[name]
        # a contact page's form fields are child rows, set apart
        fields = {k: v for k, v in fr.items() if k != "fields"}
        fields.setdefault("show_in_menus", name in IN_MENU)
        page = parent.add_child(instance=model(**fields, **fr_extra))
        page.save_revision().publish()
        translated = page.copy_for_translation(english)
        for key, value in en.items():
            if key != "fields":
                setattr(translated, key, value)
        translated.save_revision().publish()
        pages[name] = page
        return page

    def faq(texts):
        return {
            lang: {
                **{k: v for k, v in t.items() if k != "questions"},
                "questions": [
                    {
                        "type": "question",
                        "value": {"question": q, "answer": content.rich(a)},
                    }
                    for q, a in t["questions"]
                ],
            }
            for lang, t in texts.items()
        }

    companies = add(
        "how_companies",
        french_home,
        HowItWorksPage,
        content.HOW_COMPANIES,
        community="companies",
    )
    experts = add(
        "how_experts",
        french_home,
        HowItWorksPage,
        content.HOW_EXPERTS,
        community="experts",
    )
    add("faq", french_home, FaqPage, faq(content.FAQ))
    news_index = add("news", french_home, NewsIndexPage, content.NEWS_INDEX)
    today = timezone.localdate()
    for number, item in enumerate(content.NEWS):
        texts = {
            lang: {
                **{k: v for k, v in item[lang].items() if k != "body"},
                "body": [
                    {"type": "paragraph", "value": content.rich(item[lang]["body"])}
                ],
            }
            for lang in ("fr", "en")
        }
        add(
            f"news_{number}",
            news_index,
            NewsPage,
            texts,
            date=today - dt.timedelta(days=item["days_ago"]),
        )
    add("charter", french_home, CharterPage, content.CHARTER)
    add("decisions", french_home, DecisionsPage, content.DECISIONS)
    story = {
        lang: {
            **{k: v for k, v in t.items() if k != "body"},
            "body": [
                {"type": "paragraph", "value": content.rich(*t["body"])},
            ],
        }
        for lang, t in content.STORY.items()
    }
    add("story", french_home, StoryPage, story)
    contact = add(
        "contact",
        french_home,
        ContactPage,
        content.CONTACT,
        to_address="bonjour@ouvrage.coop",
        subject="Message du site",
    )
    _contact_fields(contact, content.CONTACT)
    _home_body(french_home, companies, experts)
    return pages


def _contact_fields(contact, texts) -> None:
    for page in Page.objects.filter(translation_key=contact.translation_key).specific():
        if page.form_fields.exists():
            continue
        lang = page.locale.language_code
        for order, (label, kind) in enumerate(texts[lang]["fields"]):
            ContactFormField.objects.create(
                page=page, sort_order=order, label=label, field_type=kind, required=True
            )


def _home_body(french_home, companies, experts) -> None:
    """The home pages' blocks: promises, communities, news, decisions, call to join."""
    for home in HomePage.objects.filter(translation_key=french_home.translation_key):
        lang = home.locale.language_code
        words = content.HOME_BLOCKS[lang]
        links = {
            "companies": companies.get_translation_or_none(home.locale),
            "experts": experts.get_translation_or_none(home.locale),
        }
        home.body = [
            *(BODY_FR if lang == "fr" else BODY_EN),
            {
                "type": "audiences",
                "value": [
                    {
                        "community": name,
                        "title": words[name][0],
                        "text": words[name][1],
                        "page": links[name].pk if links[name] else None,
                    }
                    for name in ("companies", "experts")
                ],
            },
            {
                "type": "figures",
                "value": {
                    "title": words["figures"],
                    "keys": [
                        "members.active",
                        "missions.count",
                        "missions.value_contracted",
                        "platform.share",
                    ],
                },
            },
            {"type": "latest_news", "value": {"title": words["news"], "count": 3}},
            {
                "type": "latest_decisions",
                "value": {"title": words["decisions"], "count": 3},
            },
            {
                "type": "call_to_join",
                "value": {"title": words["join"], "text": words["join_text"]},
            },
        ]
        home.save_revision().publish()
