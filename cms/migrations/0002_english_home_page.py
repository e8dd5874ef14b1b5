"""The home page's English copies (`intro_en`, `body_en`) become a real English page.

Wagtail's internationalisation is on: the English home is a translation of the
French one (same translation key, locale "en"), beside it under the root. Its
text is the text the `_en` fields held. The next migration drops those fields.
"""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_path(parent_path, last_child_path):
    """The treebeard path of a new last child (materialised path, 4 characters a step)."""
    if last_child_path is None:
        return parent_path + "0001"
    number = int(last_child_path[-STEP:], 36) + 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent_path + digits.rjust(STEP, "0")


def english_home(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    english, _ = Locale.objects.get_or_create(language_code="en")
    for home in HomePage.objects.exclude(locale=english):
        if HomePage.objects.filter(
            translation_key=home.translation_key, locale=english
        ).exists():
            continue
        parent = Page.objects.get(depth=home.depth - 1, path=home.path[:-STEP])
        last = (
            Page.objects.filter(depth=home.depth, path__startswith=parent.path)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        path = _next_path(parent.path, last)
        slug = f"{home.slug}-en"
        now = timezone.now()
        HomePage.objects.create(
            title=home.title,
            draft_title=home.title,
            slug=slug,
            path=path,
            depth=home.depth,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            locale=english,
            translation_key=home.translation_key or uuid.uuid4(),
            content_type=ContentType.objects.get_for_model(HomePage),
            live=True,
            first_published_at=home.first_published_at or now,
            last_published_at=now,
            intro=home.intro_en or home.intro,
            body=list((home.body_en or home.body).raw_data),
            intro_en="",
            body_en=[],
        )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(english_home, migrations.RunPython.noop)]
