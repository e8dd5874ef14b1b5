"""Monthly reports: the draft each close creates, the editors' workflow, the archive.

`transparency.signals.month_sealed` (sent by the close, inside its transaction)
reaches `draft_for_sealed_month`: the month's report is created as a draft in
French and English, its body a placeholder narrative around figure blocks (keys
only). Nothing is published here: a second editor approves through the
"Monthly report" workflow (`ensure_report_workflow`).

The close of December also creates the year's report as a draft
(`create_yearly_draft`): the sections of a French cooperative's management
report, each with placeholder text and the figures it speaks of (keys only).
"""

from django.contrib.auth.models import Group, Permission
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from transparency.display import month_name
from transparency.signals import month_sealed

from .models import (
    HomePage,
    MonthlyReportPage,
    ReportIndexPage,
    SecondEditorApprovalTask,
)
from .models.reports import YearlyReportPage
from .setup import ensure_home_page

EDITORS_GROUP = "Report editors"
WORKFLOW_NAME = "Monthly report: a second editor approves"
# the figures a new draft starts with (editors add, remove or reorder blocks)
DRAFT_FIGURES = [
    "result.monthly",
    "income.memberships",
    "costs.by_category",
    "value.paid",
]
INDEX_TEXTS = {
    "fr": {
        "title": "Rapports mensuels",
        "slug": "rapports",
        "intro": "Chaque mois clos, raconté par les membres autour de ses chiffres "
        "scellés : les chiffres ne changent plus, un second éditeur relit le texte.",
    },
    "en": {
        "title": "Monthly reports",
        "slug": "reports",
        "intro": "Each closed month, told by members around its sealed figures: the "
        "figures never change, a second editor reviews the text.",
    },
}


def ensure_report_index() -> ReportIndexPage:
    """The reports' index in French (published) and its English translation."""
    ensure_home_page()
    home = HomePage.objects.get(locale__language_code="fr")
    index = ReportIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(instance=ReportIndexPage(**INDEX_TEXTS["fr"]))
        index.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    if not ReportIndexPage.objects.filter(
        translation_key=index.translation_key, locale=english
    ).exists():
        translated = index.copy_for_translation(english)
        for key, value in INDEX_TEXTS["en"].items():
            setattr(translated, key, value)
        translated.save_revision().publish()
    ensure_report_workflow(index)
    return index


def ensure_report_workflow(index: ReportIndexPage) -> Workflow:
    """The editors' group (may edit, submit, approve another's) and the workflow on the
    index: one task, approved by another member of the group."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    indexes = ReportIndexPage.objects.filter(translation_key=index.translation_key)
    # publish too: MonthlyReportPage.permissions_for_user allows it only to an
    # editor other than the one who submitted the report to the workflow
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        for page in indexes:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        task = SecondEditorApprovalTask.objects.create(name=_("Second editor"))
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in indexes:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def draft_body(language: str) -> list[dict]:
    with translation.override(language):
        narrative = _(
            "<p>To be written by the editors: what happened this month, "
            "in plain words.</p>"
        )
    return [
        {"type": "paragraph", "value": narrative},
        *({"type": "figure", "value": {"key": key}} for key in DRAFT_FIGURES),
    ]


def report_title(month_label: str, language: str) -> str:
    with translation.override(language):
        return _("Report for %(month)s") % {"month": month_name(month_label)}


def create_draft(sealed) -> MonthlyReportPage | None:
    """The month's report as a draft in both languages; None if it exists already
    (a corrected version of a month keeps its report, which shows the new figures)."""
    index = ensure_report_index()
    if MonthlyReportPage.objects.filter(month=sealed.month).exists():
        return None
    label = f"{sealed.month:%Y-%m}"
    page = index.add_child(
        instance=MonthlyReportPage(
            title=report_title(label, "fr"),
            slug=label,
            month=sealed.month,
            live=False,
            body=draft_body("fr"),
        )
    )
    page.save_revision()
    english = Locale.objects.get(language_code="en")
    translated = page.copy_for_translation(english)
    translated.title = report_title(label, "en")
    translated.body = draft_body("en")
    translated.live = False
    translated.save()
    translated.save_revision()
    return page


# the yearly draft: each section of the management report, and the figures it
# speaks of under it
YEARLY_SECTIONS = (
    ("activity", ["value.contracted", "value.paid", "income.memberships"]),
    ("result", ["result.monthly", "costs.by_category"]),
    ("membership", ["members.movements"]),
    ("governance", ["governance.motions"]),
    ("payment_terms", ["value.payment_delays"]),
    ("research", []),
    ("after_closing", []),
    ("outlook", []),
)


def yearly_draft_body(language: str) -> list[dict]:
    with translation.override(language):
        placeholder = _("<p>To be written by the editors.</p>")
    body: list[dict] = []
    for kind, keys in YEARLY_SECTIONS:
        body.append({"type": "section", "value": {"kind": kind, "text": placeholder}})
        body += [{"type": "figure", "value": {"key": key}} for key in keys]
    return body


def yearly_report_title(year: int, language: str) -> str:
    with translation.override(language):
        return _("Management report %(year)s") % {"year": year}


def create_yearly_draft(year: int) -> YearlyReportPage | None:
    """The year's report as a draft in both languages; None if it exists already.

    Refused (ValidationError) while no month of the year is sealed."""
    index = ensure_report_index()
    if YearlyReportPage.objects.filter(year=year).exists():
        return None
    page = YearlyReportPage(
        title=yearly_report_title(year, "fr"),
        slug=str(year),
        year=year,
        live=False,
        body=yearly_draft_body("fr"),
    )
    page.locale = index.locale
    page.clean()  # no sealed month: a clear error, nothing created
    index.add_child(instance=page)
    page.save_revision()
    english = Locale.objects.get(language_code="en")
    translated = page.copy_for_translation(english)
    translated.title = yearly_report_title(year, "en")
    translated.body = yearly_draft_body("en")
    translated.live = False
    translated.save()
    translated.save_revision()
    return page


@receiver(month_sealed, dispatch_uid="cms.reports.draft_for_sealed_month")
def draft_for_sealed_month(sender, sealed, **kwargs) -> None:
    create_draft(sealed)
    if sealed.month.month == 12:
        create_yearly_draft(sealed.month.year)


def archive(request):
    """/transparency/reports/: the one archive is the reports' index page, in the
    reader's language; before the first close there is no index yet."""
    index = (
        ReportIndexPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .first()
    )
    if index is not None:
        return HttpResponseRedirect(index.get_url(request))
    return render(request, "cms/report_archive_empty.html")
