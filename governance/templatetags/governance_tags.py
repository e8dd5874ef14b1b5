"""Template tags of governance: the dashboard panel's data."""

from django import template

from .. import indicators, selectors

register = template.Library()


@register.simple_tag
def governance_panel(member):
    """Votes open (and whether `member` voted) and motions due for review."""
    return {
        "open_votes": selectors.open_votes_for(member),
        "reviews": [
            (motion, indicators.INDICATORS[motion.indicator].label, value)
            for motion, value in indicators.motions_for_review()
        ],
    }
