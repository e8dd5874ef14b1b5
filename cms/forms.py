"""Forms of the public site's contributions: plain text only (the templates escape it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

SIGNATURES = [
    ("name", _("my name as members see it (the alias for a pseudonymous expert)")),
    ("pen", _("a pen name")),
]


class ChapterForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    text = forms.CharField(
        label=_("Your chapter"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text: paragraphs are kept, nothing else (no links, no images)."
        ),
    )
    signature = forms.ChoiceField(
        label=_("Signed with"),
        choices=SIGNATURES,
        widget=forms.RadioSelect,
        initial="name",
    )
    pen_name = forms.CharField(label=_("Pen name"), max_length=80, required=False)

    def clean(self):
        data = super().clean()
        if data.get("signature") == "pen" and not data.get("pen_name", "").strip():
            self.add_error("pen_name", _("Give the pen name to sign with."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("Publish")),
            ("changes", _("Ask for changes")),
            ("refuse", _("Refuse")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in {"changes", "refuse"}
            and not data.get("note", "").strip()
        ):
            self.add_error(
                "note", _("Say what to change, or why the chapter is refused.")
            )
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
