"""The weekly digest of a member's spaces: the threads that moved, by title only.

Once a week per membership, a member gets one notification (in the app, and
by e-mail unless they turned "spaces.digest" off) listing, per space, the
threads with new posts since their last digest. Titles and counts only: no
author is named, so a digest never reveals who is behind an alias.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from marketplace.i18n import in_language
from marketplace.services import email_wanted, notify

from .models import Membership, Thread
from .notifications import DIGEST

EVERY = dt.timedelta(days=7)
CHUNK = 500
TITLES_PER_SPACE = 5


def spaces_send_digests(*, now: dt.datetime | None = None) -> int:
    """Send the digests that are due; returns how many members got one."""
    now = now or timezone.now()
    due = now - EVERY
    with transaction.atomic():
        rows = list(
            Membership.objects.select_for_update(of=("self",), skip_locked=True)
            .filter(status=Membership.Status.ACTIVE, space__suspended_at__isnull=True)
            .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=due))
            .select_related("member__user", "space")[:CHUNK]
        )
        by_member = defaultdict(list)
        for row in rows:
            since = row.digest_sent_at or due
            threads = list(
                Thread.objects.filter(space=row.space, last_post_at__gt=since)
                .order_by("-last_post_at")
                .values_list("title", flat=True)[: TITLES_PER_SPACE + 1]
            )
            if threads:
                by_member[row.member_id].append((row, threads))
        sent = 0
        for items in by_member.values():
            sent += _digest(items)
        for row in rows:
            row.digest_sent_at = now
        Membership.objects.bulk_update(rows, ["digest_sent_at", "updated_at"])
    return sent


def _digest(items) -> int:
    member = items[0][0].member
    if not email_wanted(member=member, kind=DIGEST):
        return 0
    with in_language(member):
        lines = []
        for row, titles in items:
            shown = titles[:TITLES_PER_SPACE]
            count = len(titles)
            lines.append(
                ngettext(
                    "%(space)s: %(count)d thread moved",
                    "%(space)s: %(count)d threads moved",
                    count,
                )
                % {"space": row.space.name, "count": count}
            )
            lines += [f"  · {title}" for title in shown]
        notify(
            member=member,
            kind=DIGEST,
            title=ngettext(
                "Your peer space this week",
                "Your peer spaces this week",
                len(items),
            ),
            body="\n".join(lines),
            url=reverse("spaces:list"),
        )
    return 1
