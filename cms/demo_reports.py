"""The demo's monthly reports: the month before last published (written by the
moderator, approved by the mediator through the workflow), last month a draft.

The transparency demo seals every closed month, so each close has created its
draft (cms.reports); the demo keeps the two most recent and removes the older
drafts nobody wrote, so the admin shows one report of each kind.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from marketplace.demo import email_for

from .models import MonthlyReportPage
from .reports import EDITORS_GROUP

NARRATIVE = {
    "fr": (
        "Un mois calme\u00a0: les cotisations couvrent l\u2019hébergement et les frais de "
        "paiement, et le résultat reste positif. Aucun centime n\u2019a été prélevé sur "
        "les missions entre membres."
    ),
    "en": (
        "A quiet month: memberships cover hosting and payment fees, and the result "
        "stays positive. Not one cent was taken from the missions between members."
    ),
}


def seed_reports() -> None:
    drafts = list(
        MonthlyReportPage.objects.filter(locale__language_code="fr").order_by("month")
    )
    if len(drafts) < 2 or MonthlyReportPage.objects.live().exists():
        return
    english = Locale.objects.get(language_code="en")
    for old in drafts[:-2]:
        translated = old.get_translation_or_none(english)
        if translated is not None:
            translated.delete()
        old.delete()
    editors = editors_for_demo()
    published = drafts[-2]
    for page in (published, published.get_translation(english)):
        page = page.specific
        language = page.locale.language_code
        page.intro = NARRATIVE[language]
        page.body = [
            {"type": "paragraph", "value": f"<p>{NARRATIVE[language]}</p>"},
            *[
                {"type": block.block_type, "value": block.value}
                for block in page.body
                if block.block_type == "figure"
            ],
        ]
        page.save_revision(user=editors[0])
        workflow_state = page.get_workflow().start(page, editors[0])
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state.specific, editors[1], "approve")


def editors_for_demo():
    """The moderator writes, the mediator approves (both report editors)."""
    group = Group.objects.get(name=EDITORS_GROUP)
    users = [
        get_user_model().objects.get(email=email_for(handle))
        for handle in ("moderator", "mediator")
    ]
    for user in users:
        user.groups.add(group)
    return users
