"""The starting skill taxonomy (French / English), approved. Data only."""

from django.db import migrations
from django.utils.text import slugify


def create(apps, schema_editor):
    from marketplace.skills.taxonomy import ensure_taxonomy

    ensure_taxonomy(apps.get_model("marketplace", "Skill"))


def remove(apps, schema_editor):
    from marketplace.skills.taxonomy import SKILLS

    skill_model = apps.get_model("marketplace", "Skill")
    skill_model.objects.filter(
        slug__in=[slugify(name_en) for _c, _f, name_en in SKILLS], proposed_by=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0002_profiles")]
    operations = [migrations.RunPython(create, remove)]
