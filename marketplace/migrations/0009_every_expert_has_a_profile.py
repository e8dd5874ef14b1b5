"""Every expert has a (draft) profile: reading one's profile never creates it."""

from django.db import migrations
from django.utils import timezone


def create_missing(apps, schema_editor):
    Member = apps.get_model("marketplace", "Member")
    ExpertProfile = apps.get_model("marketplace", "ExpertProfile")
    now = timezone.now()
    missing = Member.objects.filter(community="expert", profile__isnull=True)
    ExpertProfile.objects.bulk_create(
        [
            ExpertProfile(
                member=member,
                languages=[member.language or "fr"],
                created_at=now,
                updated_at=now,
            )
            for member in missing.iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0008_append_only")]

    operations = [migrations.RunPython(create_missing, migrations.RunPython.noop)]
