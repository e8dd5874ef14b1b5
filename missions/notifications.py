"""Notification kinds of missions (members choose per kind which e-mails they get)."""

from django.utils.translation import gettext_lazy as _

from marketplace import notifications

NEED = "missions.need"
INVITATION = "missions.invitation"
PROPOSAL = "missions.proposal"
MISSION = "missions.mission"
DELIVERY = "missions.delivery"
REMINDER = "missions.reminder"
INVOICE = "missions.invoice"
DISPUTE = "missions.dispute"
REVIEW = "missions.review"

notifications.register(NEED, _("A need you answered changed"))
notifications.register(INVITATION, _("A company invites you to answer a need"))
notifications.register(
    PROPOSAL, _("News of a proposal (received, shortlisted, accepted...)")
)
notifications.register(MISSION, _("A mission changed state"))
notifications.register(DELIVERY, _("Deliveries and their answers"))
notifications.register(
    REMINDER, _("Reminders before a delivery is accepted by silence")
)
notifications.register(INVOICE, _("Invoices declared and payments confirmed"))
notifications.register(DISPUTE, _("Disputes on your missions"))
notifications.register(REVIEW, _("Reviews published"))
