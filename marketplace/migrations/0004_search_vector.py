"""A stored tsvector for profile search, GIN-indexed on PostgreSQL.

SQLite accepts the column (any type name goes) and the app leaves it NULL
there; the index exists only on PostgreSQL.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "marketplace_profile_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON marketplace_expertprofile "
            "USING gin (search_vector)"
        )
        schema_editor.execute(
            "UPDATE marketplace_expertprofile SET search_vector = "
            "to_tsvector('simple'::regconfig, COALESCE(search_text, ''))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0003_seed_skills")]
    operations = [
        migrations.AddField(
            model_name="expertprofile",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
