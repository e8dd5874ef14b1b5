"""The plain form that sends a message without JavaScript."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from core.refusals import Refusal

from .models import MESSAGE_MAX_LENGTH, check_body


def _checked(body: str) -> str:
    """`check_body` (the one check of a message's text) as a form error."""
    try:
        return check_body(body)
    except Refusal as refusal:
        raise forms.ValidationError(refusal.message, code=refusal.code) from None


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        # the browser's hint; the server's check is `check_body`
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX_LENGTH}),
    )
    # chosen when the form is rendered: submitting it twice stores one message
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    attachment = forms.FileField(label=_("Attach a file"), required=False)

    def clean_body(self):
        body = self.cleaned_data["body"]
        return _checked(body) if body.strip() else body

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not data.get("attachment"):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data


class MessageEditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
    )

    def clean_body(self):
        return _checked(self.cleaned_data["body"])
