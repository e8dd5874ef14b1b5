"""Replace Wagtail's welcome page with Ouvrage's home page, as the site's root."""

from django.db import migrations


def create_home_page(apps, schema_editor):
    from cms.home_content import BODY_EN, BODY_FR, INTRO_EN, INTRO_FR

    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    locale_model = apps.get_model("wagtailcore", "Locale")
    home_model = apps.get_model("cms", "HomePage")

    page_model.objects.filter(depth=2, slug="home").delete()
    content_type, _ = content_type_model.objects.get_or_create(model="homepage", app_label="cms")
    locale = locale_model.objects.order_by("pk").first()
    home = home_model.objects.create(
        title="Ouvrage",
        draft_title="Ouvrage",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        intro=INTRO_FR,
        intro_en=INTRO_EN,
        body=BODY_FR,
        body_en=BODY_EN,
    )
    site_model.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Ouvrage"},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("cms", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
