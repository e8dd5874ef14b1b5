"""What transparency tells the layers above it (they listen; it never imports them)."""

from django.dispatch import Signal

# sent inside the close's transaction, with `sealed` (the new SealedMonth row):
# the public site (cms) creates the month's draft report from it
month_sealed = Signal()
