"""The forms of the space pages; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import ExpertSkill

from .models import (
    CHARTER_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    POST_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Thread,
)


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


DEFAULT_CHARTER = _(
    "This space gathers practitioners of the same profession, to learn from "
    "each other and ask for feedback on our practice.\n\n"
    "1. We speak as peers: kindly, precisely, without contempt.\n"
    "2. What is said here stays here: we quote nothing outside without the "
    "author's agreement.\n"
    "3. We name no client, colleague or person who could be recognised "
    "without their consent.\n"
    "4. No canvassing: we do not sell our services to one another here.\n"
    "5. We report a post that breaks this charter rather than answering it; "
    "the moderators, peers confirmed by the members, decide and give their "
    "reasons in the moderation log."
)


class SpaceForm(forms.Form):
    """Opening a space: its profession, what it is for, who joins, its moderators.

    `professions`: [(family, label in the reader's language)];
    `candidates`: [(profession label, [(member id, shown name)])], the
    practitioners who may be named moderators; `appointed`: how many moderator
    selects (two optional ones for a proposal, three with the first required
    for a platform admin).
    """

    profession = forms.ChoiceField(label=_("Profession"))
    name = forms.CharField(
        label=_("Name of the space"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("For example: “Digital: development and data”."),
    )
    description = forms.CharField(
        label=_("What the space is for"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences, shown to the experts who may join."),
    )
    min_level = forms.TypedChoiceField(
        label=_("Level required to join"),
        coerce=int,
        choices=ExpertSkill.Level.choices,
        initial=ExpertSkill.Level.PRACTITIONER,
        help_text=_(
            "Experts whose published profile shows the profession at this level "
            "or above join at once; the others may ask the moderators to admit them."
        ),
    )
    charter = forms.CharField(
        label=_("Charter"),
        max_length=CHARTER_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Shown to every member; the moderators apply it."),
    )

    def __init__(self, *args, professions, candidates, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charter"].initial = str(DEFAULT_CHARTER)
        self.fields["profession"].choices = [
            ("", _("Choose a profession")),
            *professions,
        ]
        choices = [("", _("Nobody"))] + [
            (group, [(str(member_id), name) for member_id, name in rows])
            for group, rows in candidates
        ]
        if staff:
            names = ["moderator_1", "moderator_2", "moderator_3"]
            labels = [_("Moderator"), _("Second moderator"), _("Third moderator")]
        else:
            names = ["moderator_2", "moderator_3"]
            labels = [_("Second moderator"), _("Third moderator")]
        self.moderator_fields = names
        for index, (field, label) in enumerate(zip(names, labels, strict=True)):
            required = staff and index == 0
            self.fields[field] = forms.ChoiceField(
                label=label,
                choices=(
                    [("", _("Choose a practitioner")), *choices[1:]]
                    if required
                    else choices
                ),
                required=required,
                help_text=_(
                    "Optional: a practitioner of the same profession, by the name "
                    "the platform shows."
                )
                if not required
                else _(
                    "A practitioner of the profession, by the name the platform shows."
                ),
            )

    def clean(self):
        data = super().clean()
        picked = [data.get(field) for field in self.moderator_fields]
        picked = [value for value in picked if value]
        if len(set(picked)) != len(picked):
            raise forms.ValidationError(_("The same person is named twice."))
        data["moderator_ids"] = picked
        return data
