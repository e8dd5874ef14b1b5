"""Léa's story (the IESF text) and the chapters members contribute to it.

A member submits a chapter; a moderator publishes it, asks for changes, or
refuses it with a reason the author reads. Published chapters carry the name
the author chose (their shown name, which is the alias for a pseudonymous
expert, or a pen name) and members comment on them. Plain text only.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.models import BaseModel
from core.refusals import Refusal
from marketplace.accounts import request_member
from marketplace.models import Member
from marketplace.role_checks import MODERATOR, holds

from ..blocks import BodyBlock
from ..forms import ChapterForm, CommentForm, ReviewForm
from .base import SitePage


class StoryPage(RoutablePageMixin, SitePage):
    """A story told on the site (Léa's story) and the chapters members add to it.

    Chapters belong to the story in every language (they are linked by the
    page's translation key); their routes (contribute, moderation, a chapter)
    live in cms.stories."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story page")

    def chapters(self):
        return Chapter.objects.filter(story_key=self.translation_key)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["published"] = (
            self.chapters()
            .filter(state=Chapter.State.PUBLISHED)
            .select_related("author__profile")
        )
        context["is_moderator"] = holds(request.user, MODERATOR)
        return context

    @path("", name="index")
    def route_index(self, request):
        return self.render(request)

    @path("contribute/", name="contribute")
    def route_contribute(self, request):
        return contribute(self, request)

    @path("mine/", name="mine")
    def route_mine(self, request):
        return mine(self, request)

    @path("chapters/<uuid:chapter_id>/", name="chapter")
    def route_chapter(self, request, chapter_id):
        return chapter_view(self, request, chapter_id)

    @path("chapters/<uuid:chapter_id>/edit/", name="edit")
    def route_edit(self, request, chapter_id):
        return edit(self, request, chapter_id)

    @path("moderation/", name="moderation")
    def route_moderation(self, request):
        return moderation(self, request)


class Chapter(BaseModel):
    """A member's chapter of a story, waiting for or past moderation."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for moderation")
        """Sent by its author; only the author and moderators read it."""
        CHANGES = "changes", _("Changes asked")
        """A moderator asked for changes; the author edits and sends it again."""
        PUBLISHED = "published", _("Published")
        """Public, under the name the author chose; members comment on it."""
        REFUSED = "refused", _("Refused")
        """Not published; the author reads why."""

    class Signature(models.TextChoices):
        SHOWN_NAME = "name", _("my name as members see it")
        PEN_NAME = "pen", _("a pen name")

    story_key = models.UUIDField(_("story"), db_index=True)
    author = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="chapters",
        verbose_name=_("author"),
    )
    signature = models.CharField(
        _("signed with"), max_length=5, choices=Signature.choices, default="name"
    )
    pen_name = models.CharField(_("pen name"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("text"), max_length=20_000)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    moderator_note = models.TextField(
        _("moderator's note"), max_length=2000, blank=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["published_at", "created_at"]
        constraints = [
            models.CheckConstraint(
                name="chapter_pen_name_when_chosen",
                condition=~models.Q(signature="pen") | ~models.Q(pen_name=""),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def byline(self) -> str:
        """The author's name as the author chose it (never a pseudonymous expert's name)."""
        if self.signature == self.Signature.PEN_NAME:
            return self.pen_name
        return shown_name(self.author)


class ChapterComment(BaseModel):
    """A member's comment on a published chapter."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="chapter_comments"
    )
    text = models.TextField(_("comment"), max_length=3000)

    class Meta(BaseModel.Meta):
        verbose_name = _("comment")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:40]

    @property
    def byline(self) -> str:
        return shown_name(self.author)


def shown_name(member: Member) -> str:
    """The alias of a pseudonymous expert (str of the profile), else the member's name."""
    profile = getattr(member, "profile", None) if member.is_expert else None
    return str(profile) if profile is not None else member.display_name


# --- the story's routes (contribute, my chapters, a chapter, moderation) ---------


def _member_or_login(request):
    member = request_member(request)
    if member is None:
        return None, redirect_to_login(request.get_full_path())
    return member, None


def contribute(page, request):
    member, refusal = _member_or_login(request)
    if refusal:
        return refusal
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        Chapter.objects.create(
            story_key=page.translation_key,
            author=member,
            title=data["title"],
            text=data["text"],
            signature=data["signature"],
            pen_name=data["pen_name"].strip() if data["signature"] == "pen" else "",
        )
        messages.success(
            request, gettext("Thank you: your chapter waits for a moderator.")
        )
        return redirect(page.url + page.reverse_subpage("mine"))
    return page.render(
        request, context_overrides={"form": form}, template="cms/story_contribute.html"
    )


def mine(page, request):
    member, refusal = _member_or_login(request)
    if refusal:
        return refusal
    chapters = page.chapters().filter(author=member).order_by("-created_at")
    return page.render(
        request, context_overrides={"mine": chapters}, template="cms/story_mine.html"
    )


def edit(page, request, chapter_id):
    """The author sends again a chapter a moderator asked changes on."""
    member, refusal = _member_or_login(request)
    if refusal:
        return refusal
    chapter = get_object_or_404(
        page.chapters(), pk=chapter_id, author=member, state=Chapter.State.CHANGES
    )
    form = ChapterForm(
        request.POST or None,
        initial={
            "title": chapter.title,
            "text": chapter.text,
            "signature": chapter.signature,
            "pen_name": chapter.pen_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chapter.title, chapter.text = data["title"], data["text"]
        chapter.signature = data["signature"]
        chapter.pen_name = (
            data["pen_name"].strip() if data["signature"] == "pen" else ""
        )
        chapter.state = Chapter.State.SUBMITTED
        chapter.save()
        messages.success(
            request, gettext("Thank you: your chapter waits for a moderator.")
        )
        return redirect(page.url + page.reverse_subpage("mine"))
    return page.render(
        request,
        context_overrides={"form": form, "chapter": chapter},
        template="cms/story_contribute.html",
    )


def chapter_view(page, request, chapter_id):
    chapter = get_object_or_404(
        page.chapters().filter(state=Chapter.State.PUBLISHED), pk=chapter_id
    )
    member = request_member(request)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if member is None:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            ChapterComment.objects.create(
                chapter=chapter, author=member, text=form.cleaned_data["text"]
            )
            return redirect(request.path)
    comments = chapter.comments.select_related("author__profile")
    return page.render(
        request,
        context_overrides={"chapter": chapter, "comments": comments, "form": form},
        template="cms/story_chapter.html",
    )


def decide(chapter_id, *, decision: str, note: str = "") -> "Chapter":
    """A moderator's decision on a waiting chapter: publish, ask for changes or
    refuse (the last two with a note). One decision wins: the row is locked and a
    chapter no longer waiting is refused with "already_decided"."""
    if decision not in {"publish", "changes", "refuse"}:
        raise Refusal(gettext("Unknown decision."), code="invalid", status=400)
    if decision != "publish" and not note.strip():
        raise Refusal(
            gettext("Say what to change, or why the chapter is refused."),
            code="invalid",
            status=400,
        )
    with transaction.atomic():
        chapter = Chapter.objects.select_for_update().get(pk=chapter_id)
        if chapter.state != Chapter.State.SUBMITTED:
            raise Refusal(
                gettext("Another moderator has already decided."),
                code="already_decided",
            )
        chapter.moderator_note = note
        chapter.state = {
            "publish": Chapter.State.PUBLISHED,
            "changes": Chapter.State.CHANGES,
            "refuse": Chapter.State.REFUSED,
        }[decision]
        if decision == "publish":
            chapter.published_at = timezone.now()
        chapter.save()
    return chapter


def moderation(page, request):
    if not holds(request.user, MODERATOR):
        raise Http404
    waiting = page.chapters().filter(state=Chapter.State.SUBMITTED)
    refused = None  # the chapter whose decision was incomplete, and its form
    if request.method == "POST":
        chapter = get_object_or_404(waiting, pk=request.POST.get("chapter"))
        form = ReviewForm(request.POST, auto_id=_review_ids(chapter))
        if form.is_valid():
            decide(
                chapter.pk,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, gettext("Decision recorded."))
            return redirect(request.path)
        refused = chapter.pk, form
        messages.error(
            request, gettext("Say what to change, or why the chapter is refused.")
        )
    # one form per chapter, each with its own field ids (labels point to their field)
    reviews = [
        (
            chapter,
            refused[1]
            if refused and refused[0] == chapter.pk
            else ReviewForm(auto_id=_review_ids(chapter)),
        )
        for chapter in waiting.select_related("author__profile")
    ]
    return page.render(
        request,
        context_overrides={"reviews": reviews},
        template="cms/story_moderation.html",
    )


def _review_ids(chapter: Chapter) -> str:
    return f"id_%s_{chapter.pk}"
