"""REST API of missions: needs, proposals, missions, disputes, invoices.

One module per resource (serializers and viewset together); `endpoints` holds
what they share. Transitions are POST actions (`/api/missions/{id}/confirm/`,
...) sharing the table of `missions.actions` with the pages. A refusal by
state is 409, by role 403, both with the shared error body
(marketplace.api_base).
"""

from rest_framework.routers import DefaultRouter

from .disputes import DisputeSerializer, DisputeViewSet
from .endpoints import ActionRequestSerializer, ErrorSerializer
from .invoices import InvoiceViewSet, MissionInvoiceSerializer
from .missions import (
    DeliverySerializer,
    FileSerializer,
    MilestoneSerializer,
    MissionDetailSerializer,
    MissionSerializer,
    MissionViewSet,
    ReviewSerializer,
)
from .needs import NeedSerializer, NeedViewSet, RecommendedNeedSerializer
from .proposals import ProposalSerializer, ProposalViewSet

__all__ = [
    "ActionRequestSerializer",
    "DeliverySerializer",
    "DisputeSerializer",
    "DisputeViewSet",
    "ErrorSerializer",
    "FileSerializer",
    "InvoiceViewSet",
    "MilestoneSerializer",
    "MissionDetailSerializer",
    "MissionInvoiceSerializer",
    "MissionSerializer",
    "MissionViewSet",
    "NeedSerializer",
    "NeedViewSet",
    "ProposalSerializer",
    "ProposalViewSet",
    "RecommendedNeedSerializer",
    "ReviewSerializer",
    "router",
    "urlpatterns",
]

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("needs", NeedViewSet, basename="need")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("missions", MissionViewSet, basename="mission")
router.register("disputes", DisputeViewSet, basename="dispute")
router.register("invoices", InvoiceViewSet, basename="invoice")

urlpatterns = router.urls
