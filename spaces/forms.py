"""The forms of the space pages; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import POST_MAX_LENGTH, REASON_MAX_LENGTH, TITLE_MAX_LENGTH, Thread


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Thread.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Your message"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachment = forms.FileField(label=_("Attach a file"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mention a member with @ followed by their name as shown here."),
    )
    quote = forms.UUIDField(required=False, widget=forms.HiddenInput)
    attachment = forms.FileField(label=_("Attach a file"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH)


class AdmissionForm(forms.Form):
    note = forms.CharField(
        label=_("About your practice"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CircleForm(forms.Form):
    title = forms.CharField(
        label=_("What the circle is about"), max_length=TITLE_MAX_LENGTH
    )
