"""Conversations move from missions to messaging: the state only, no table changes.

The tables keep their names (`missions_conversation`, `missions_participant`,
`missions_message`, `missions_messageattachment`), made by
missions/0002_conversations with the same constraint names; missions/0004
removes the models from the missions state once they are here.
"""
import core.ids
import core.storage
import django.db.models.deletion
import django.utils.timezone
import messaging.models
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('marketplace', '0001_initial'),
        ('missions', '0003_need_skill_weights'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Conversation',
                    fields=[
                        ('id', models.UUIDField(default=core.ids.uuid7, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('kind', models.CharField(choices=[('proposal', 'proposal'), ('mission', 'mission')], max_length=10, verbose_name='kind')),
                        ('last_seq', models.PositiveIntegerField(default=0, verbose_name='last message number')),
                        ('last_message_at', models.DateTimeField(blank=True, null=True, verbose_name='last message')),
                        ('mission', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='conversation', to='missions.mission')),
                        ('proposal', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='conversation', to='missions.proposal')),
                    ],
                    options={
                        'verbose_name': 'conversation',
                        'verbose_name_plural': 'conversations',
                        'db_table': 'missions_conversation',
                        'ordering': ['-last_message_at', '-created_at'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Message',
                    fields=[
                        ('id', models.UUIDField(default=core.ids.uuid7, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('seq', models.PositiveIntegerField(verbose_name='number')),
                        ('kind', models.CharField(choices=[('text', 'text'), ('system', 'system')], default='text', max_length=10, verbose_name='kind')),
                        ('client_id', models.UUIDField(blank=True, null=True)),
                        ('body', models.TextField(blank=True, max_length=5000, verbose_name='message')),
                        ('data', models.JSONField(blank=True, default=dict)),
                        ('edited_at', models.DateTimeField(blank=True, null=True, verbose_name='edited')),
                        ('deleted_at', models.DateTimeField(blank=True, null=True, verbose_name='deleted')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='messages', to='marketplace.member')),
                        ('conversation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='messaging.conversation')),
                    ],
                    options={
                        'verbose_name': 'message',
                        'verbose_name_plural': 'messages',
                        'db_table': 'missions_message',
                        'ordering': ['conversation', 'seq'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='MessageAttachment',
                    fields=[
                        ('id', models.UUIDField(default=core.ids.uuid7, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('file', models.FileField(max_length=200, storage=core.storage.private_storage, upload_to=messaging.models._attachment_name)),
                        ('name', models.CharField(max_length=200, verbose_name='file name')),
                        ('size', models.PositiveBigIntegerField()),
                        ('content_type', models.CharField(max_length=100)),
                        ('message', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='messaging.message')),
                    ],
                    options={
                        'verbose_name': 'attachment',
                        'verbose_name_plural': 'attachments',
                        'db_table': 'missions_messageattachment',
                        'ordering': ['created_at'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Participant',
                    fields=[
                        ('id', models.UUIDField(default=core.ids.uuid7, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('last_read_seq', models.PositiveIntegerField(default=0, verbose_name='read up to')),
                        ('last_read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                        ('last_seen_at', models.DateTimeField(blank=True, null=True, verbose_name='last seen')),
                        ('digest_seq', models.PositiveIntegerField(default=0, help_text='Messages up to this number were in an e-mail digest.', verbose_name='e-mailed up to')),
                        ('removed_at', models.DateTimeField(blank=True, null=True, verbose_name='removed')),
                        ('conversation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='messaging.conversation')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conversations', to='marketplace.member')),
                    ],
                    options={
                        'verbose_name': 'participant',
                        'verbose_name_plural': 'participants',
                        'db_table': 'missions_participant',
                        'ordering': ['created_at'],
                        'abstract': False,
                    },
                ),
                migrations.AddConstraint(
                    model_name='conversation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'proposal'), ('mission__isnull', True), ('proposal__isnull', False)), models.Q(('kind', 'mission'), ('mission__isnull', False), ('proposal__isnull', True)), _connector='OR'), name='conversation_one_subject'),
                ),
                migrations.AddConstraint(
                    model_name='message',
                    constraint=models.UniqueConstraint(fields=('conversation', 'seq'), name='message_seq_once'),
                ),
                migrations.AddConstraint(
                    model_name='message',
                    constraint=models.UniqueConstraint(condition=models.Q(('client_id__isnull', False)), fields=('conversation', 'author', 'client_id'), name='message_client_id_once'),
                ),
                migrations.AddConstraint(
                    model_name='message',
                    constraint=models.CheckConstraint(condition=models.Q(('kind', 'system'), ('author__isnull', False), _connector='OR'), name='message_text_has_author'),
                ),
                migrations.AddConstraint(
                    model_name='participant',
                    constraint=models.UniqueConstraint(fields=('conversation', 'member'), name='participant_once'),
                ),
            ],
        ),
    ]
