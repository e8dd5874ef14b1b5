"""A conversation as a messenger shows it: messages grouped by day in the reader's
time zone, each of one's own messages marked read once another participant has
read it.

Pure: fed by the view with what the selectors returned, no query here.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_TIME_ZONE = "Europe/Paris"


def member_zone(member) -> zoneinfo.ZoneInfo:
    """The member's time zone (an IANA name on the member), Europe/Paris by default."""
    name = getattr(member, "time_zone", "") or DEFAULT_TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


@dataclass
class Day:
    date: dt.date
    # "Today" or "Yesterday"; empty: the page shows the date itself
    label: str
    messages: list = field(default_factory=list)


def day_label(day: dt.date, *, today: dt.date) -> str:
    if day == today:
        return _("Today")
    if day == today - dt.timedelta(days=1):
        return _("Yesterday")
    return ""


def by_day(messages, *, zone, now: dt.datetime | None = None) -> list[Day]:
    """The messages (oldest first) in one group per day of the reader's calendar."""
    today = timezone.localtime(now or timezone.now(), zone).date()
    days: list[Day] = []
    for message in messages:
        date = timezone.localtime(message.created_at, zone).date()
        if not days or days[-1].date != date:
            days.append(Day(date=date, label=day_label(date, today=today)))
        days[-1].messages.append(message)
    return days


def mark_read(messages, *, member_id, positions) -> None:
    """Set `read` on the member's own messages that another participant has read."""
    furthest = max(
        (row.last_read_seq for row in positions if row.member_id != member_id),
        default=0,
    )
    for message in messages:
        message.read = message.author_id == member_id and message.seq <= furthest
