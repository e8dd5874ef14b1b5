"""Rule versions, moved here from governance without touching the table."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import core.ids


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("governance", "0002_motions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RuleVersion",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=core.ids.uuid7,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                editable=False,
                                verbose_name="created",
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="updated"),
                        ),
                        ("key", models.CharField(max_length=80, verbose_name="rule")),
                        ("value", models.JSONField(verbose_name="value")),
                        (
                            "effective_at",
                            models.DateTimeField(verbose_name="in force from"),
                        ),
                        (
                            "motion",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="rule_versions",
                                to="governance.motion",
                                verbose_name="adopted by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "rule version",
                        "verbose_name_plural": "rule versions",
                        "db_table": "governance_ruleversion",
                        "ordering": ["key", "effective_at"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "effective_at"),
                                name="rule_version_once",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("motion__isnull", True)),
                                fields=("key",),
                                name="rule_version_one_default",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
