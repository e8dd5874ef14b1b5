"""What the profile endpoints read and write (OpenAPI names are the class names)."""

from rest_framework import serializers

from ..models import Experience


class SkillLineSerializer(serializers.Serializer):
    skill_id = serializers.UUIDField()
    name = serializers.CharField()
    slug = serializers.CharField()
    level = serializers.IntegerField()
    level_label = serializers.CharField()


class ProfileCardSerializer(serializers.Serializer):
    """A profile as the caller may see it: `name` is the alias when the identity is
    hidden, and `links`/`photo_url` are empty."""

    id = serializers.UUIDField()
    name = serializers.CharField()
    pseudonymous = serializers.BooleanField()
    identity_shown = serializers.BooleanField()
    status = serializers.CharField()
    headline = serializers.CharField()
    summary = serializers.CharField()
    day_rate_cents = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    available_from = serializers.DateField(allow_null=True)
    days_per_week = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField())
    location = serializers.CharField()
    country = serializers.CharField()
    remote = serializers.CharField()
    links = serializers.ListField(child=serializers.CharField())
    photo_url = serializers.CharField()
    skills = SkillLineSerializer(many=True)


class ExperienceOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    employer = serializers.CharField(help_text="Empty when the identity is hidden.")
    started_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    what = serializers.CharField()
    responsibilities = serializers.CharField()
    motivation = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()


class AppetenceOutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    skill = serializers.CharField()
    skill_slug = serializers.CharField()
    mission_kind = serializers.CharField()
    note = serializers.CharField()


class ProfileDetailSerializer(serializers.Serializer):
    card = ProfileCardSerializer()
    experiences = ExperienceOutSerializer(many=True)
    appetences = AppetenceOutSerializer(many=True)


class ProfileUpdateSerializer(serializers.Serializer):
    headline = serializers.CharField(max_length=160, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    day_rate_cents = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )
    available_from = serializers.DateField(required=False, allow_null=True)
    days_per_week = serializers.IntegerField(min_value=1, max_value=5, required=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, max_length=12
    )
    location = serializers.CharField(max_length=120, required=False, allow_blank=True)
    country = serializers.CharField(min_length=2, max_length=2, required=False)
    remote = serializers.ChoiceField(
        choices=["onsite", "hybrid", "remote"], required=False
    )
    links = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, max_length=10
    )
    pseudonymous = serializers.BooleanField(required=False)
    alias = serializers.CharField(max_length=80, required=False, allow_blank=True)


class SkillLevelSerializer(serializers.Serializer):
    skill = serializers.CharField(help_text="The skill's id or slug.")
    level = serializers.IntegerField(min_value=1, max_value=4)


class ExperienceInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Experience.Kind.choices, required=False)
    category = serializers.ChoiceField(choices=Experience.Category.choices)
    title = serializers.CharField(max_length=160)
    employer = serializers.CharField(max_length=160, required=False, allow_blank=True)
    started_on = serializers.DateField(required=False, allow_null=True)
    ended_on = serializers.DateField(required=False, allow_null=True)
    what = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    responsibilities = serializers.CharField(
        max_length=4000, required=False, allow_blank=True
    )
    motivation = serializers.CharField(
        max_length=4000, required=False, allow_blank=True
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, max_length=12
    )
    publish = serializers.BooleanField(required=False, default=False)


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    skill = serializers.CharField(
        max_length=130, required=False, default="", allow_blank=True
    )
    remote = serializers.ChoiceField(
        choices=["", "onsite", "hybrid", "remote"], required=False, default=""
    )
    language = serializers.CharField(
        max_length=5, required=False, default="", allow_blank=True
    )
    max_rate_cents = serializers.IntegerField(min_value=0, required=False, default=None)
    available_by = serializers.DateField(required=False, default=None)


class OrganizationRefSerializer(serializers.Serializer):
    organization = serializers.UUIDField()
    reason = serializers.CharField(max_length=200, required=False, default="")


def card_data(card) -> dict:
    data = {name: getattr(card, name) for name in ProfileCardSerializer().fields}
    data["photo_url"] = card.photo_url
    data["skills"] = [line.__dict__ for line in card.skills]
    return data
