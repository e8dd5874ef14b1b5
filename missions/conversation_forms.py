"""The plain form that sends a message without JavaScript."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.conversations import MESSAGE_MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # chosen when the form is rendered: submitting it twice stores one message
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    attachment = forms.FileField(label=_("Attach a file"), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not data.get("attachment"):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data


class MessageEditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
