"""Monthly reports of the open accounts: an index and one page per sealed month.

A month's close (transparency) sends `month_sealed`; cms.reports creates the
month's report as a draft in both languages. Editors write the narrative; the
figures are `figure` blocks that read the month's sealed snapshot by key. A
second editor approves the report through Wagtail's workflow
(`SecondEditorApprovalTask`: the one who submitted it cannot approve it), and
only then is it public, with its PDF made from the same snapshot.

A yearly report (`YearlyReportPage`) gathers the year's sealed months: each
figure block shows one row per month as its seal froze it, and the narrative
follows the sections of a French cooperative's management report. The close of
December creates it as a draft; it goes through the same workflow.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import (
    GroupApprovalTask,
    PagePermissionTester,
    TaskState,
    WorkflowState,
)
from wagtail.search import index

from transparency.models import SealedMonth

from ..report_blocks import (
    ReportBodyBlock,
    YearlyReportBodyBlock,
    month_view,
    year_view,
)
from ..report_pdf import report_pdf
from .base import SitePage


class ReportIndexPage(SitePage):
    """The archive of the published monthly reports, newest month first.

    /transparency/reports/ leads here, in the reader's language.
    """

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    search_fields = [*SitePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.MonthlyReportPage", "cms.YearlyReportPage"]

    class Meta:
        verbose_name = _("report index")

    def reports(self):
        return (
            MonthlyReportPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-month", "-pk")
        )

    def yearly_reports(self):
        return (
            YearlyReportPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-year", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.reports()
        context["yearly_reports"] = self.yearly_reports()
        return context


class ReportPermissionTester(PagePermissionTester):
    """Publishing a report needs a workflow submitted by someone else.

    So an editor cannot publish their own text, from the admin's menu or by
    approving it: only the second editor's approval (or publish) goes through.
    """

    def can_publish(self):
        if not super().can_publish():
            return False
        state = (
            WorkflowState.objects.for_instance(self.page)
            .filter(
                status__in=[
                    WorkflowState.STATUS_IN_PROGRESS,
                    WorkflowState.STATUS_APPROVED,
                ]
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        return state is not None and state.requested_by_id != self.user.pk


class MonthlyReportPage(RoutablePageMixin, SitePage):
    """The report of one closed month: a narrative around the month's sealed figures.

    `month` is the first day of the month; the figures come from the latest
    sealed version of that month (with its erratum, if it was corrected).
    The PDF is at ``pdf/``, built from the same snapshot.
    """

    month = models.DateField(_("month"))
    intro = models.TextField(_("summary"), max_length=600, blank=True)
    body = StreamField(ReportBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("month", read_only=True),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("month"),
    ]
    parent_page_types = ["cms.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")

    def permissions_for_user(self, user):
        return ReportPermissionTester(user, self)

    def sealed(self) -> SealedMonth | None:
        """The month's latest sealed version (what the figures show)."""
        if not hasattr(self, "_sealed"):
            self._sealed = (
                SealedMonth.objects.filter(month=self.month)
                .order_by("-version")
                .first()
            )
        return self._sealed

    def figure_view(self, key: str):
        return month_view(self.sealed(), key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sealed"] = self.sealed()
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        return _pdf_response(self, f"{self.month:%Y-%m}")


def _pdf_response(page, period: str) -> HttpResponse:
    response = HttpResponse(report_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ouvrage-report-{period}.pdf"'
    return response


class YearlyReportPage(RoutablePageMixin, SitePage):
    """The report of a year: its sealed months' figures and a management report.

    Figures are `figure` blocks (keys only): each shows one row per sealed month
    of `year`, read from that month's latest seal, and the year's total. The
    narrative is made of the sections a French cooperative's management report
    carries. The PDF is at ``pdf/``, built from the same seals.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    intro = models.TextField(_("summary"), max_length=600, blank=True)
    body = StreamField(YearlyReportBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    parent_page_types = ["cms.ReportIndexPage"]
    subpage_types: list[str] = []
    template = "cms/yearly_report_page.html"

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")

    def permissions_for_user(self, user):
        return ReportPermissionTester(user, self)

    def seals(self) -> list[SealedMonth]:
        """The latest sealed version of each closed month of the year, in order."""
        if not hasattr(self, "_seals"):
            latest: dict = {}
            for sealed in SealedMonth.objects.filter(month__year=self.year).order_by(
                "month", "version"
            ):
                latest[sealed.month] = sealed
            self._seals = list(latest.values())
        return self._seals

    def figure_view(self, key: str):
        return year_view(self.seals(), key, self.year)

    def clean(self):
        super().clean()
        if self.year is None:
            return
        stored = YearlyReportPage.objects.filter(pk=self.pk).values_list(
            "year", flat=True
        )
        if self.pk and stored and stored[0] != self.year:
            raise ValidationError(
                {"year": _("A report keeps its year: create the other year's report.")}
            )
        if not SealedMonth.objects.filter(month__year=self.year).exists():
            raise ValidationError(
                {"year": _("No month of this year has been closed yet.")}
            )
        others = YearlyReportPage.objects.filter(
            year=self.year, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError({"year": _("This year already has its report.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seals"] = self.seals()
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        return _pdf_response(self, str(self.year))


class SecondEditorApprovalTask(GroupApprovalTask):
    """A group approval where the editor who submitted the page cannot approve it."""

    class Meta:
        verbose_name = _("second editor's approval")
        verbose_name_plural = _("second editors' approvals")

    @staticmethod
    def _submitter_id(obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state is not None else None

    def get_actions(self, obj, user):
        if self._submitter_id(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if (
            action_name == "approve"
            and task_state.workflow_state.requested_by_id == user.pk
        ):
            raise PermissionDenied(
                _("Another editor must approve a report you submitted.")
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if isinstance(states, models.QuerySet) and states.model is TaskState:
            return states.exclude(workflow_state__requested_by=user)
        return states

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, except the editor who submitted"
        )
