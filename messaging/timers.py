"""The e-mail digest of unread messages, for members who are away (a periodic job).

A participant gets one digest per quiet spell: when a conversation has been
quiet for DIGEST_AFTER and they have neither read it nor been seen since, the
job sends one notification (in-app, and by e-mail unless they turned the
"messages.digest" kind off in their e-mail settings) listing the conversations
and their unread counts, then remembers how far it reported (`digest_seq`).
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from marketplace import periodic
from marketplace.i18n import in_language
from marketplace.services import email_wanted, notify

from .models import Participant
from .notifications import DIGEST as DIGEST_KIND

DIGEST_AFTER = dt.timedelta(minutes=10)
CHUNK = 500


@periodic.job(every=300)
def messages_send_digests() -> int:
    """Send the due digests; returns how many members got one."""
    cutoff = timezone.now() - DIGEST_AFTER
    with transaction.atomic():
        rows = list(
            Participant.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(
                removed_at__isnull=True,
                conversation__last_message_at__lte=cutoff,
            )
            .filter(Q(last_seen_at__isnull=True) | Q(last_seen_at__lte=cutoff))
            .annotate(reported=Greatest(F("last_read_seq"), F("digest_seq")))
            .filter(conversation__last_seq__gt=F("reported"))
            .select_related(
                "member__user",
                "conversation__proposal__need",
                "conversation__mission",
            )[:CHUNK]
        )
        by_member = defaultdict(list)
        for row in rows:
            by_member[row.member_id].append(row)
        for participant_rows in by_member.values():
            _digest(participant_rows)
        now = timezone.now()
        for row in rows:
            row.digest_seq, row.updated_at = row.conversation.last_seq, now
        Participant.objects.bulk_update(rows, ["digest_seq", "updated_at"])
    return len(by_member)


def _digest(rows: list[Participant]) -> None:
    member = rows[0].member
    if not email_wanted(member=member, kind=DIGEST_KIND):
        return  # their choice: the unread counts on their pages are enough
    with in_language(member):
        total = sum(row.conversation.last_seq - row.last_read_seq for row in rows)
        title = ngettext(
            "You have %(count)d unread message",
            "You have %(count)d unread messages",
            total,
        ) % {"count": total}
        lines = []
        for row in rows:
            count = row.conversation.last_seq - row.last_read_seq
            lines.append(
                ngettext(
                    "%(title)s: %(count)d unread message",
                    "%(title)s: %(count)d unread messages",
                    count,
                )
                % {"title": _subject(row.conversation), "count": count}
            )
        notify(
            member=member,
            kind=DIGEST_KIND,
            title=title,
            body="\n".join(lines),
            url=reverse("missions:conversations"),
        )


def _subject(conversation) -> str:
    if conversation.proposal_id:
        return conversation.proposal.need.title
    return conversation.mission.title
